import { afterEach, describe, expect, it } from 'vitest';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { effectivePolicy } from '../../../electron/core/config/effective-policy.js';
import { secretBytesOf } from '../../../electron/core/authenticator/enrolment.js';
import { createSecretBox } from '../../../electron/core/authenticator/secret-box.js';
import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { demoTechnician } from '../../../electron/core/demo/demo-technician.js';
import { deriveKeys } from '../../../electron/core/keys/derived-keys.js';
import { technicianRows } from '../../../electron/core/store/technician-rows.js';
import { seedDemoDatabase } from '../../../electron/core/demo/seed-demo.js';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { loadGuessabilityEngine } from '../../../electron/core/guessability/index.js';
import { guessabilityOptionsFromConfig } from '../../../electron/core/guessability/from-config.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { contactRows } from '../../../electron/core/store/contacts.js';
import { failedPureRules } from '../../../shared/policy/composition.js';
import { rowsOf } from '../../support/database-dump.js';
import { openTestStore } from '../../support/core-store.js';
import { createSeededRandom } from '../../support/seeded-random.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

describe('the demo seed', () => {
  it('has the seven documented people', () => {
    expect(demoAccounts.map((account) => account.username)).toEqual(['amira.khan', 'ben.okafor', 'chloe.martin', 'dev.patel', 'erin.walsh', 'farid.haddad', 'grace.nowak']);
    for (const account of demoAccounts) expect(account.description.length).toBeGreaterThan(10);
  });

  it('gives everyone starting passwords that the campus policy and the guessability engine accept', () => {
    const config = createDemoConfig(dirs.make());
    const rules = effectivePolicy(config);
    const engine = loadGuessabilityEngine(guessabilityOptionsFromConfig(config));
    for (const account of demoAccounts) {
      const person = { username: account.username, firstName: account.firstName, lastName: account.lastName };
      for (const password of [account.password, ...account.earlierPasswords]) {
        expect(failedPureRules(password, person, rules), password).toEqual([]);
        expect(engine.check(password, person), password).toEqual([]);
      }
    }
  });

  it('writes accounts, password history, contacts and locks that match the list', async () => {
    const store = await openTestStore(dirs.make());
    const hasher = createArgon2Hasher();
    await seedDemoDatabase(store, hasher, createTestClock());
    const directory = createStoreDirectory(store, hasher, createTestClock());
    const verifiedEmails = (id: number) => store.read((db) => contactRows.verified(db, id, 'email'));
    const contacts = (id: number) => store.read((db) => contactRows.list(db, id));

    for (const demo of demoAccounts) {
      const account = (await directory.findAccount(demo.username))!;
      expect(account).toMatchObject({ firstName: demo.firstName, lastName: demo.lastName, status: 'active', locked: demo.locked });
      expect(await directory.verifyPassword(account.id, demo.password)).toBe(true);
      const hashes = await directory.passwordHashes(account.id, 'all');
      expect(hashes).toHaveLength(1 + demo.earlierPasswords.length);
      for (const [index, earlier] of [...demo.earlierPasswords].reverse().entries()) {
        expect(await hasher.verify(hashes[index + 1]!, earlier)).toBe(true);
      }
      expect(await verifiedEmails(account.id)).toEqual(demo.emails.filter((email) => email.verified).map((email) => email.address));
      expect((await contacts(account.id)).filter((contact) => contact.kind === 'phone').map((contact) => contact.value)).toEqual(
        demo.phones.map((phone) => phone.number),
      );
    }
    expect(await verifiedEmails((await directory.findAccount('chloe.martin'))!.id)).toEqual([]);
    // Found case-insensitively through username_key, as the kiosk looks them up.
    expect((await directory.findAccount('Amira.KHAN'))?.username).toBe('amira.khan');
    expect(await rowsOf(store, 'audit_log')).toEqual([]);
    await store.close();
  });

  it('seeds the demo technician when given the authenticator key, with the documented password and app secret', async () => {
    const store = await openTestStore(dirs.make());
    const hasher = createArgon2Hasher();
    const key = deriveKeys(Buffer.alloc(32, 3)).authenticatorSecrets;
    await seedDemoDatabase(store, hasher, createTestClock(), undefined, { technicianKey: key });
    const row = (await store.read((db) => technicianRows.findByUsername(db, 'Desk.Demo')))!;
    expect(row).toMatchObject({ username: demoTechnician.username, displayName: demoTechnician.displayName, status: 'active', lastStep: null });
    expect(await hasher.verify(row.passwordHash, demoTechnician.password)).toBe(true);
    const secret = createSecretBox(key, createSeededRandom()).openTechnician(row.usernameKey, row);
    expect(secret).toEqual(secretBytesOf(demoTechnician.totpSecret));
    expect(failedPureRules(demoTechnician.password, { username: demoTechnician.username }, effectivePolicy(createDemoConfig(dirs.make())))).toEqual([]);
    await store.close();
  });

  it('seeds no technician without the key (tests that seed people only)', async () => {
    const store = await openTestStore(dirs.make());
    await seedDemoDatabase(store, createArgon2Hasher(), createTestClock());
    expect(await rowsOf(store, 'technicians')).toEqual([]);
    await store.close();
  });

  it('writes nothing when it fails half-way: one transaction for all the people', async () => {
    const store = await openTestStore(dirs.make());
    const hasher = createArgon2Hasher();
    // The second person has the first one's name: the unique username key refuses the insert.
    const clash = [demoAccounts[0]!, { ...demoAccounts[1]!, username: 'AMIRA.KHAN' }];
    await expect(seedDemoDatabase(store, hasher, createTestClock(), clash)).rejects.toThrow();
    for (const table of ['accounts', 'password_history', 'contact_methods']) expect(await rowsOf(store, table)).toEqual([]);
    await store.close();
  });

  it('uses only reserved, fictional addresses and numbers', () => {
    for (const account of demoAccounts) {
      for (const email of account.emails) expect(email.address).toMatch(/\.example$/);
      // +44 7700 900xxx is Ofcom's range reserved for drama.
      for (const phone of account.phones) expect(phone.number).toMatch(/^\+447700900\d{3}$/);
    }
  });
});
