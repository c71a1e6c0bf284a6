import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuessabilityChecker } from '../electron/core/ports.js';
import type { TestDirectoryServer } from '../test/support/directory-server.js';
import { startSambaAd } from '../test/support/samba-ad-server.js';
import { startSlapd } from '../test/support/slapd-server.js';
import { measureFullReset, type FullResetTimes } from './full-reset.js';

export type DirectoryResetTimes = FullResetTimes | { unavailable: string };

export interface DirectoryResetMeasured {
  runs: number;
  /** The embedded directory in the kiosk's SQLite file: the baseline, measured in the same run. */
  sqlite: FullResetTimes;
  ldap: DirectoryResetTimes;
  activeDirectory: DirectoryResetTimes;
}

// The same person as the SQLite baseline's demo account, so the same passwords pass the name rules.
const person = { username: 'amira.khan', firstName: 'Amira', lastName: 'Khan', email: 'amira.khan@homemail.example' };

/**
 * Issue 11: one full reset through a real kiosk's router against each directory, side by side with
 * the embedded one: the kiosk's own work (argon2 history check and entry, store, audit) is the same;
 * the difference is the directory's lookups, the password write and, for AD, the lock reset. Each
 * server is started on loopback for this part and stopped after it; a server whose programs are
 * missing (or, for Samba, whose fixed ports are taken) is reported as unavailable and the rest runs.
 */
export async function measureDirectoryResets(options: {
  guessability: GuessabilityChecker;
  /** New passwords (runs + 1): compliant, not guessable, at least 14 characters (the test servers' minimum). */
  passwords: string[];
  runs: number;
  progress: (message: string) => void;
}): Promise<DirectoryResetMeasured> {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sspr-bench-directory-'));
    dirs.push(dir);
    return dir;
  };
  const common = { guessability: options.guessability, passwords: options.passwords, runs: options.runs };

  async function through(name: string, start: () => Promise<TestDirectoryServer>): Promise<DirectoryResetTimes> {
    options.progress(`full reset through ${name}...`);
    let server: TestDirectoryServer;
    try {
      server = await start();
    } catch (error) {
      return { unavailable: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
    }
    try {
      await server.addPerson({ ...person, password: 'Start7Pass9Word4' });
      return await measureFullReset({ ...common, dataDir: dataDir(), directory: { server, username: person.username, address: person.email } });
    } finally {
      await server.stop();
    }
  }

  try {
    options.progress('full reset through the embedded directory (SQLite)...');
    const sqlite = await measureFullReset({ ...common, dataDir: dataDir() });
    const ldap = await through('OpenLDAP (slapd, StartTLS)', () => startSlapd());
    const activeDirectory = await through('Active Directory (Samba AD DC, LDAPS)', () => startSambaAd());
    return { runs: options.runs, sqlite, ldap, activeDirectory };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
