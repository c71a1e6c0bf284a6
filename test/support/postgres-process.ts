import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { unusedLoopbackPort } from './loopback-port.js';
import type { PostgresBinaries } from './postgres-binaries.js';
import type { ClusterDir, ServerAccount } from './postgres-cluster.js';

/** One run of the server process, from start until it exits. */
export interface Postmaster {
  readonly pid: number;
  readonly port: number;
  isRunning(): boolean;
  /** Fast shutdown, then SIGKILL if it takes longer than timeoutMs. Resolves once the process is gone. */
  stopFast(timeoutMs: number): Promise<void>;
  /** SIGKILL to it and its children; resolves once the postmaster is gone. */
  kill(): Promise<void>;
  /** SIGKILL without waiting, for process 'exit' handlers (which cannot wait). */
  killNow(): void;
}

export interface StartPostmasterOptions {
  binaries: PostgresBinaries;
  account: ServerAccount | undefined;
  cluster: ClusterDir;
  /** Fixed port (restart); undefined picks a free one, and another if that is taken before postgres binds it. */
  port: number | undefined;
  /** `name=value` settings for -c. */
  settings: string[];
  /** A login that proves readiness: a real connection is the one check that cannot be fooled. */
  readinessConfig: (port: number) => pg.ClientConfig;
  timeoutMs: number;
}

// Linux's parent-death signal makes the kernel SIGKILL the server when the process that spawned it
// dies for any reason -- also SIGKILL, an OOM kill or a crash, where no JavaScript 'exit' handler runs
// -- so a killed test run never leaves a server behind. setpriv (util-linux) sets it and then execs
// postgres, so the pid stays the postmaster's. It runs after the switch to the postgres user (Node's
// uid/gid spawn options) because the kernel clears the setting when credentials change; exec keeps it.
// The postmaster's children notice its death and exit (idle ones at once, busy ones when their query
// ends). Where setpriv is missing, the 'exit' handler in postgres-server.ts and the leftover sweep in
// postgres-cluster.ts remain. Cost: one exec of a small program per start.
const setpriv = process.platform === 'linux' ? findOnPath('setpriv') : undefined;

/** Starts postgres in the foreground as a child process and waits until a real login succeeds. */
export async function startPostmaster(options: StartPostmasterOptions): Promise<Postmaster> {
  const deadline = Date.now() + options.timeoutMs;
  let lastLog = '';
  for (;;) {
    const port = options.port ?? (await unusedLoopbackPort());
    const logOffset = fileSize(options.cluster.logFile);
    const server = spawnPostgres(options, port);
    const outcome = await waitUntilReady(server, options.readinessConfig(port), deadline);
    if (outcome === 'ready') return server.handle;
    await server.handle.kill();
    const log = readFileSync(options.cluster.logFile).subarray(logOffset).toString('utf8') || lastLog;
    lastLog = log;
    // Someone took the free port between our probe and postgres' bind; or a child of a killed
    // server has not quite died yet and still holds the shared memory of this data directory.
    const portTaken = options.port === undefined && /could not bind .*Address already in use/.test(log);
    const memoryStillHeld = /pre-existing shared memory block .* is still in use/.test(log);
    if (outcome === 'exited' && (portTaken || memoryStillHeld) && Date.now() < deadline) {
      await delay(50);
      continue;
    }
    const what = outcome === 'timeout' ? `was not ready within ${options.timeoutMs} ms` : 'exited before it was ready';
    const spawnError = server.spawnError() ? ` (${server.spawnError()!.message})` : '';
    throw new Error(`PostgreSQL on 127.0.0.1:${port} ${what}${spawnError}. The end of its log:\n${log.slice(-3000)}`);
  }
}

interface SpawnedServer {
  handle: Postmaster;
  exited(): boolean;
  /** Resolves when the process has exited (or could not be spawned). */
  gone: Promise<void>;
  spawnError(): Error | undefined;
}

function spawnPostgres(options: StartPostmasterOptions, port: number): SpawnedServer {
  const { binaries, account, cluster } = options;
  const args = [
    ...['-D', cluster.dataDir, '-p', String(port), '-k', cluster.socketDir],
    ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    // Dynamic shared memory as files in data/pg_dynshmem rather than /dev/shm/PostgreSQL.*: a killed
    // server's segments (1 MB each) then go with its folder instead of piling up in /dev/shm.
    ...['-c', 'dynamic_shared_memory_type=mmap'],
    ...options.settings.flatMap((setting) => ['-c', setting]),
  ];
  const [command, argv] = setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', binaries.postgres, ...args]] : [binaries.postgres, args];
  // The log goes straight to a file: a pipe nobody drains would block the server once it is full.
  const log = openSync(cluster.logFile, 'a');
  let child: ChildProcess;
  try {
    // Not runuser for the server: runuser stays in between as a watching parent that ignores SIGINT
    // and turns SIGTERM into SIGTERM plus SIGKILL 2 s later, so neither postgres' fast shutdown nor a
    // clean SIGKILL of the postmaster could be sent. Node's uid/gid make the child postgres itself.
    child = spawn(command, argv, { cwd: cluster.dir, stdio: ['ignore', log, log], ...(account ?? {}) });
  } finally {
    closeSync(log);
  }
  let spawnError: Error | undefined;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) resolve();
    });
  });
  // A server that a test forgot to stop must not keep the test process alive; it is waited for
  // (ref'd) only while something awaits its exit.
  child.unref();
  const exited = () => spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;
  const waitGone = async (timeoutMs?: number): Promise<boolean> => {
    child.ref();
    if (timeoutMs === undefined) return gone.then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    return Promise.race([gone.then(() => true), timedOut]).finally(() => clearTimeout(timer));
  };
  const handle: Postmaster = {
    pid: child.pid ?? -1,
    port,
    isRunning: () => !exited(),
    async stopFast(timeoutMs) {
      if (exited()) return;
      // postgres' signals: SIGTERM is a *smart* shutdown that waits for every client to disconnect
      // (a test's open pool would stall it); SIGINT is the fast one that disconnects them.
      child.kill('SIGINT');
      if (await waitGone(timeoutMs)) return;
      killWithChildren(child);
      await waitGone();
    },
    async kill() {
      if (exited()) return;
      killWithChildren(child);
      await waitGone();
    },
    killNow() {
      if (!exited()) killWithChildren(child);
    },
  };
  return { handle, exited, gone, spawnError: () => spawnError };
}

/**
 * SIGKILL to the postmaster and its children. A backend busy with a query notices its postmaster's
 * death only when the query ends, and until then holds the shared memory that a restart on the same
 * data directory needs ("pre-existing shared memory block is still in use"). So: freeze the
 * postmaster (it forks no more), kill its children, then it. Children are found through /proc
 * (Linux); elsewhere only the postmaster is killed.
 */
function killWithChildren(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  child.kill('SIGSTOP');
  for (const childPid of childrenOf(pid)) {
    try {
      process.kill(childPid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  child.kill('SIGKILL');
}

function childrenOf(parent: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.filter((entry) => /^\d+$/.test(entry) && parentOf(Number(entry)) === parent).map(Number);
}

/** The 4th field of /proc/PID/stat, after the command name in parentheses (which may hold spaces). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

async function waitUntilReady(server: SpawnedServer, config: pg.ClientConfig, deadline: number): Promise<'ready' | 'exited' | 'timeout'> {
  while (Date.now() < deadline) {
    if (server.exited()) return 'exited';
    const client = new pg.Client({ ...config, connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    const login = (async () => {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return true;
    })().catch(() => false); // ECONNREFUSED before it listens, 57P03 while it starts up: try again.
    // Raced with the exit: when postgres could not bind because something else holds the port, the
    // login may be talking to that something, which need never answer.
    const ready = await Promise.race([login, server.gone.then(() => false)]);
    if (ready) return 'ready';
    void client.end().catch(() => undefined);
    await delay(20);
  }
  return server.exited() ? 'exited' : 'timeout';
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function findOnPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, program), constants.X_OK);
      return path.join(dir, program);
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
