import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDaemon, type Daemon } from './daemon-process.js';
import { unusedLoopbackPort } from './loopback-port.js';
import { isExecutable } from './executables.js';
import { isProcessAlive } from './process-alive.js';

/** Temp folders are named `sspr-slapd-<pid of the test process>-XXXXXX`, so a later run can tell orphans. */
export const slapdDirPrefix = 'sspr-slapd-';

export interface SlapdPorts {
  ldap: number;
  ldaps: number;
}

export interface SlapdProcess {
  readonly daemon: Daemon;
  readonly ports: SlapdPorts;
}

export interface LaunchOptions {
  dir: string;
  /** Fixed ports (a restart); by default two free ones, and others if those are taken before slapd binds them. */
  ports?: SlapdPorts;
  /** A bind that proves the server answers: the harness's admin over plain LDAP on loopback. */
  probe: { dn: string; password: string };
}

export const programs = {
  slapd: findProgram('slapd'),
  slapadd: findProgram('slapadd'),
  ldapwhoami: findProgram('ldapwhoami'),
  openssl: findProgram('openssl'),
};

// As for PostgreSQL (postgres-process.ts): the kernel SIGKILLs slapd when the test process dies in
// any way, also where no 'exit' handler runs; setpriv execs slapd, so the pid stays slapd's.
const setpriv = process.platform === 'linux' ? findOnPath('setpriv') : undefined;

/** slapd in the foreground (`-d 0`) as a child of the test process, ready once the admin can bind. */
export async function launchSlapd(options: LaunchOptions): Promise<SlapdProcess> {
  let lastError: unknown;
  for (let attempt = 0; attempt < (options.ports ? 1 : 5); attempt++) {
    const ports = options.ports ?? { ldap: await unusedLoopbackPort(), ldaps: await unusedLoopbackPort() };
    if (ports.ldap === ports.ldaps) continue;
    const urls = `ldap://127.0.0.1:${ports.ldap}/ ldaps://127.0.0.1:${ports.ldaps}/`;
    const args = ['-d', '0', '-F', path.join(options.dir, 'slapd.d'), '-h', urls];
    const daemon = setpriv
      ? startDaemon('slapd', setpriv, ['--pdeathsig', 'KILL', '--', programs.slapd, ...args], noLog)
      : startDaemon('slapd', programs.slapd, args, noLog);
    try {
      await daemon.until(() => answers(ports.ldap, options.probe), `a bind on 127.0.0.1:${ports.ldap}`);
      return { daemon, ports };
    } catch (error) {
      // slapd says nothing on stderr at -d 0 when a port is taken; it just exits. Try other ports.
      lastError = error;
      await daemon.stop();
    }
  }
  throw lastError instanceof Error ? lastError : new Error('slapd did not start');
}

// slapd logs nowhere but stderr at -d 0 (which the daemon keeps and shows when it fails).
const noLog = () => '';

function answers(port: number, probe: { dn: string; password: string }): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(programs.ldapwhoami, ['-x', '-H', `ldap://127.0.0.1:${port}`, '-D', probe.dn, '-w', probe.password], { timeout: 2_000 }, (error) =>
      resolve(error === null),
    );
  });
}

export function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 30_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}

/**
 * Removes the folders (and kills the slapd) of earlier test processes that died without stop():
 * only folders whose owning test process is gone, and only a slapd whose command line names that folder.
 */
export function sweepLeftoverSlapdDirs(baseDir = os.tmpdir()): void {
  let names: string[];
  try {
    names = readdirSync(baseDir);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = new RegExp(`^${slapdDirPrefix}(\\d+)-`).exec(name)?.[1];
    if (owner === undefined || Number(owner) === process.pid || isProcessAlive(Number(owner))) continue;
    const dir = path.join(baseDir, name);
    const pid = Number(readText(path.join(dir, 'slapd.pid'))?.trim());
    if (Number.isInteger(pid) && pid > 0 && readText(`/proc/${pid}/cmdline`)?.split('\0').includes(path.join(dir, 'slapd.d'))) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Ended meanwhile.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}


function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function findProgram(name: string): string {
  return findOnPath(name) ?? ['/usr/sbin', '/usr/bin'].map((dir) => path.join(dir, name)).find(isExecutable) ?? name;
}

function findOnPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
}
