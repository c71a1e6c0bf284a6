import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PostgresBinaries } from './postgres-binaries.js';
import { isProcessAlive } from './process-alive.js';

const execFileAsync = promisify(execFile);

/** The OS account the server runs as; undefined means the current user. */
export interface ServerAccount {
  uid: number;
  gid: number;
}

/** A fresh cluster in its own temp folder: data, unix socket and log all live inside it. */
export interface ClusterDir {
  dir: string;
  dataDir: string;
  socketDir: string;
  logFile: string;
  superuserPassword: string;
  /** The server's major version, from the data directory's PG_VERSION. */
  version: string;
}

// The creating process's pid is in the name, so a later run can tell a folder whose owner died
// (killed test process) from one that a parallel test worker is still using.
const dirPrefix = 'sspr-pg-';

const tmpfsMagic = 0x01021994;

/**
 * Where clusters go: /dev/shm when it is a roomy tmpfs, else the OS temp folder. initdb writes about
 * 1000 small files (40 MB); even with --no-sync that took 2.0 s on these machines' ext4 /tmp and
 * 0.9 s on tmpfs. "Roomy", because Docker gives /dev/shm only 64 MB by default.
 */
export function defaultBaseDir(): string {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.type === tmpfsMagic && fs.bavail * fs.bsize >= 2 ** 30) return '/dev/shm';
  } catch {
    // No /dev/shm (not Linux).
  }
  return os.tmpdir();
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as Debian's `postgres` account
 * (created by the postgresql package); anyone else runs it as themselves.
 */
export function serverAccount(): ServerAccount | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Running as root, but there is no "postgres" OS user to run the PostgreSQL server as (Debian\'s postgresql package creates it).');
  }
}

/**
 * initdb into a new temp folder owned by the server's account (initdb and postgres insist on owning
 * the data directory). The superuser `postgres` gets a random password; see pg_hba below.
 */
export async function initCluster(binaries: PostgresBinaries, account: ServerAccount | undefined, baseDir: string): Promise<ClusterDir> {
  const dir = mkdtempSync(path.join(baseDir, `${dirPrefix}${process.pid}-`));
  try {
    if (account) chownSync(dir, account.uid, account.gid);
    const cluster: ClusterDir = {
      dir,
      dataDir: path.join(dir, 'data'),
      socketDir: dir,
      logFile: path.join(dir, 'postgres.log'),
      superuserPassword: randomBytes(18).toString('hex'),
      version: '',
    };
    const passwordFile = path.join(dir, 'superuser-password');
    writeFileSync(passwordFile, `${cluster.superuserPassword}\n`, { mode: 0o600 });
    if (account) chownSync(passwordFile, account.uid, account.gid);
    const args = [
      ...['-D', cluster.dataDir, '-U', 'postgres', `--pwfile=${passwordFile}`],
      ...['--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--locale=C'],
      // Nothing here has to survive a power cut: skipping the fsyncs saves most of initdb's time.
      '--no-sync',
    ];
    // runuser (not su): no password prompt, no PAM login session, and it exists on every Debian.
    const [command, argv] = account ? ['runuser', ['-u', 'postgres', '--', binaries.initdb, ...args]] : [binaries.initdb, args];
    try {
      await execFileAsync(command, argv, { cwd: dir });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`initdb failed: ${stderr.trim() || String(error)}`);
    }
    unlinkSync(passwordFile);
    writeHba(cluster.dataDir, account);
    cluster.version = readFileSync(path.join(cluster.dataDir, 'PG_VERSION'), 'utf8').trim();
    return cluster;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Over TCP every login needs its password (SCRAM), so tests can prove that wrong credentials are
 * refused. The unix socket trusts: it sits in the cluster's own folder, which only the server's
 * account (and root) can enter.
 */
function writeHba(dataDir: string, account: ServerAccount | undefined): void {
  const file = path.join(dataDir, 'pg_hba.conf');
  writeFileSync(file, ['# Written by the test harness (test/support/postgres-cluster.ts).', 'local all all trust', 'host all all 127.0.0.1/32 scram-sha-256', ''].join('\n'), {
    mode: 0o600,
  });
  if (account) chownSync(file, account.uid, account.gid);
}

/**
 * Removes the folder. A server that did not shut down cleanly (killed) leaves its small System V
 * shared-memory segment behind, which outlives the folder unless removed here; a clean shutdown
 * removes both the segment and postmaster.pid itself.
 */
export function removeCluster(dir: string): void {
  const lock = readPostmasterPid(path.join(dir, 'data'));
  if (lock?.shmId !== undefined) {
    try {
      execFileSync('ipcrm', ['-m', String(lock.shmId)], { stdio: 'ignore' });
    } catch {
      // Already gone (or no ipcrm): nothing else to do.
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Cleans up after test processes that were killed before they could stop their servers: their
 * folders (about 40 MB each), any server that still runs there (only possible where setpriv's
 * parent-death signal was unavailable) and its shared memory. Folders of live processes are left.
 */
export function sweepLeftoverClusters(baseDirs: string[] = [...new Set([defaultBaseDir(), os.tmpdir()])]): void {
  for (const baseDir of baseDirs) {
    let names: string[];
    try {
      names = readdirSync(baseDir);
    } catch {
      continue;
    }
    for (const name of names) sweepIfOrphaned(path.join(baseDir, name));
  }
}

function sweepIfOrphaned(dir: string): void {
  const owner = new RegExp(`^${dirPrefix}(\\d+)-`).exec(path.basename(dir))?.[1];
  if (owner === undefined || Number(owner) === process.pid || isProcessAlive(Number(owner))) return;
  const lock = readPostmasterPid(path.join(dir, 'data'));
  if (lock && isServerOf(lock.pid, path.join(dir, 'data'))) {
    try {
      process.kill(lock.pid, 'SIGKILL');
    } catch {
      // It ended on its own meanwhile.
    }
  }
  removeCluster(dir);
}

/** postmaster.pid: line 1 the pid, line 7 the System V shared-memory key and id. */
function readPostmasterPid(dataDir: string): { pid: number; shmId: number | undefined } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const shmId = Number(lines[6]?.trim().split(/\s+/)[1]);
  return Number.isInteger(pid) && pid > 0 ? { pid, shmId: Number.isInteger(shmId) ? shmId : undefined } : undefined;
}

/** Only a process whose command line names this data directory is ours to kill (pids get reused). */
function isServerOf(pid: number, dataDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dataDir);
  } catch {
    return false;
  }
}
