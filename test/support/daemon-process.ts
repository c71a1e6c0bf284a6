import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * A server program a test runs in the foreground as its own child: started, awaited until ready,
 * and stopped by its pid (never by name), with the processes it forked waited for by their pids.
 */
export interface Daemon {
  readonly name: string;
  readonly pid: number | undefined;
  /** Polls `condition` until it holds; fails at once, with the program's stderr and log, if it ends. */
  until(condition: () => boolean | Promise<boolean>, what: string): Promise<void>;
  /** SIGTERM to the pid (SIGKILL after stopTimeoutMs), then waits for the children it had forked. */
  stop(): Promise<void>;
}

const readyTimeoutMs = 10_000;
const stopTimeoutMs = 5_000;

const livePids = new Set<number>();
// A test process that dies without stop() must not leave a server behind.
process.once('exit', () => {
  for (const pid of livePids) signal(pid, 'SIGKILL');
});

export function startDaemon(name: string, file: string, args: string[], log: () => string): Daemon {
  const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  let ended: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signalName) => {
      ended = signalName === null ? `exit code ${code}` : `signal ${signalName}`;
      if (child.pid !== undefined) livePids.delete(child.pid);
      resolve();
    });
    child.once('error', (error) => {
      ended = error.message;
      resolve();
    });
  });
  if (child.pid !== undefined) livePids.add(child.pid);

  return {
    name,
    pid: child.pid,
    async until(condition, what) {
      const deadline = Date.now() + readyTimeoutMs;
      while (!(await condition())) {
        if (ended !== undefined || Date.now() > deadline) {
          const why = ended === undefined ? `timed out after ${readyTimeoutMs} ms` : `${name} ended (${ended})`;
          throw new Error(`${name}: waiting for ${what}: ${why}\n${stderr.trim()}\n${log()}`.trim());
        }
        await delay(10);
      }
    },
    async stop() {
      if (child.pid === undefined || isFinished(child)) return;
      const children = childPids(child.pid);
      child.kill('SIGTERM');
      if (!(await within(exited, stopTimeoutMs))) {
        child.kill('SIGKILL');
        await exited;
      }
      await waitForPids(children);
    },
  };
}

function isFinished(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function childPids(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => readStat(pid)?.ppid === parent);
}

/** State and parent pid from /proc/PID/stat; the command name in parentheses may hold spaces. */
function readStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

/** A zombie counts as gone: it has exited, and only its new parent (PID 1) can reap it. */
async function waitForPids(pids: number[]): Promise<void> {
  const alive = () => pids.filter((pid) => {
    const stat = readStat(pid);
    return stat !== undefined && stat.state !== 'Z';
  });
  const deadline = Date.now() + stopTimeoutMs;
  while (alive().length > 0 && Date.now() < deadline) await delay(10);
  for (const pid of alive()) signal(pid, 'SIGKILL');
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true), timedOut]).finally(() => clearTimeout(timer));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
