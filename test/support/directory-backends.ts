import { afterAll, beforeAll, describe } from 'vitest';
import { createArgon2Hasher } from '../../electron/core/hashing/argon2-hasher.js';
import { accountRows } from '../../electron/core/store/accounts.js';
import { contactRows } from '../../electron/core/store/contacts.js';
import { usernameKeyOf } from '../../electron/core/store/username-key.js';
import { startTestKiosk, type TestKiosk, type TestKioskOptions } from './core-kiosk.js';
import type { TestDirectoryServer } from './directory-server.js';
import { sambaAdStartTimeoutMs, startSambaAd } from './samba-ad-server.js';
import { startSlapd } from './slapd-server.js';

/** Where people's accounts live for a test kiosk: its own store, a real slapd, or a real Samba AD DC. */
export type DirectoryKind = 'sqlite' | 'ldap' | 'active-directory';

export const directoryKinds: readonly DirectoryKind[] = ['sqlite', 'ldap', 'active-directory'];

/** What a journey test does to the people, whichever directory holds them. */
export type DirectoryPeopleFixture = Pick<TestDirectoryServer, 'lockoutThreshold' | 'addPerson' | 'lockPerson' | 'disablePerson' | 'isLocked' | 'bindsWith'>;

export interface DirectoryTestKiosk {
  t: TestKiosk;
  people: DirectoryPeopleFixture;
}

/**
 * The embedded directory as a fixture: people go straight into the kiosk's store, with their
 * personal email as a verified contact, as an administrator's import would put them.
 */
function storePeople(t: TestKiosk): DirectoryPeopleFixture {
  const { store, config } = t.kiosk;
  const hasher = createArgon2Hasher(config.hashing);
  const find = async (username: string) => {
    const account = await store.read((db) => accountRows.findByUsername(db, username));
    if (account === null) throw new Error(`no account ${username} in the store`);
    return account;
  };
  return {
    lockoutThreshold: config.lockout.failedSignIns.limit,
    async addPerson(person) {
      const passwordHash = await hasher.hash(person.password);
      const at = t.clock.now().toISOString();
      await store.run(async (tx) => {
        const id = await accountRows.insert(tx, { username: person.username, firstName: person.firstName, lastName: person.lastName, passwordHash, passwordChangedAt: at });
        if (person.email !== undefined) await contactRows.add(tx, id, { kind: 'email', value: person.email, verifiedAt: at });
      });
    },
    async lockPerson(username) {
      const account = await find(username);
      await store.run((tx) => accountRows.setLocked(tx, account.id, t.clock.now().toISOString()));
    },
    async disablePerson(username) {
      await store.run((tx) => tx.updateTable('accounts').set({ status: 'disabled' }).where('username_key', '=', usernameKeyOf(username)).execute());
    },
    async isLocked(username) {
      const account = await find(username);
      return account.locked;
    },
    async bindsWith(username, password) {
      return hasher.verify((await find(username)).passwordHash, password);
    },
  };
}

const starters: Record<Exclude<DirectoryKind, 'sqlite'>, () => Promise<TestDirectoryServer>> = {
  ldap: () => startSlapd(),
  'active-directory': () => startSambaAd(),
};

/**
 * Runs the same journey tests once per directory: `describeEachDirectory('reset', (open) => { it(...,
 * async () => { const { t, people } = await open({ dataDir, email }) }) })`. A slapd or Samba server is
 * started once per block (Samba takes seconds, and only one may run per machine) and stopped after it;
 * each test gets a fresh kiosk (non-demo, its own SQLite file) and should use names of its own.
 */
export function describeEachDirectory(
  name: string,
  body: (
    open: (options: Omit<TestKioskOptions, 'directory' | 'persistent'>) => Promise<DirectoryTestKiosk>,
    kind: DirectoryKind,
    /** The block's slapd or Samba server (ldap / active-directory only), e.g. to start a kiosk configured differently. */
    server: () => TestDirectoryServer,
  ) => void,
  kinds: readonly DirectoryKind[] = directoryKinds,
): void {
  for (const kind of kinds) {
    describe(`${name} [${kind}]`, () => {
      let server: TestDirectoryServer | null = null;
      if (kind !== 'sqlite') {
        // Samba may wait for another file's instance to stop (fixed ports), or build its template once.
        beforeAll(async () => {
          server = await starters[kind]();
        }, sambaAdStartTimeoutMs);
        afterAll(async () => {
          await server?.stop();
        }, 60_000);
      }
      body(async (options) => {
        if (kind === 'sqlite') {
          const t = await startTestKiosk({ ...options, persistent: true });
          // The demo people are not wanted: the test adds its own, as it does to a real directory.
          return { t, people: storePeople(t) };
        }
        if (server === null) throw new Error(`${kind} server did not start`);
        const t = await startTestKiosk({ ...options, persistent: true, directory: server });
        return { t, people: server };
      }, kind, () => {
        if (server === null) throw new Error(`no ${kind} server in this block`);
        return server;
      });
    });
  }
}
