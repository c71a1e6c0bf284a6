import { afterEach, describe, expect, it } from 'vitest';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { effectivePolicy } from '../../../electron/core/config/effective-policy.js';
import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { seedDemoDatabase } from '../../../electron/core/demo/seed-demo.js';
import { createSqliteDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { loadGuessabilityEngine } from '../../../electron/core/guessability/index.js';
import { guessabilityOptionsFromConfig } from '../../../electron/core/guessability/from-config.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { createContactStore } from '../../../electron/core/store/contacts.js';
import { failedPureRules } from '../../../shared/policy/composition.js';
import { rowsOf } from '../../support/database-dump.js';
import { openTestDatabase } from '../../support/core-store.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

describe('the demo seed', () => {
  it('has the four documented people', () => {
    expect(demoAccounts.map((account) => account.username)).toEqual(['amira.khan', 'ben.okafor', 'chloe.martin', 'dev.patel']);
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
    const db = openTestDatabase(dirs.make());
    const hasher = createArgon2Hasher();
    await seedDemoDatabase(db, hasher, createTestClock());
    const directory = createSqliteDirectory(db, hasher, createTestClock());
    const contacts = createContactStore(db);

    for (const demo of demoAccounts) {
      const account = directory.findAccount(demo.username)!;
      expect(account).toMatchObject({ firstName: demo.firstName, lastName: demo.lastName, status: 'active', locked: demo.locked });
      expect(await directory.verifyPassword(account.id, demo.password)).toBe(true);
      const hashes = directory.passwordHashes(account.id, 'all');
      expect(hashes).toHaveLength(1 + demo.earlierPasswords.length);
      for (const [index, earlier] of [...demo.earlierPasswords].reverse().entries()) {
        expect(await hasher.verify(hashes[index + 1]!, earlier)).toBe(true);
      }
      expect(contacts.verifiedEmails(account.id)).toEqual(demo.emails.filter((email) => email.verified).map((email) => email.address));
      expect(contacts.list(account.id).filter((contact) => contact.kind === 'phone').map((contact) => contact.value)).toEqual(
        demo.phones.map((phone) => phone.number),
      );
    }
    expect(contacts.verifiedEmails(directory.findAccount('chloe.martin')!.id)).toEqual([]);
    expect(rowsOf(db, 'audit_log')).toEqual([]);
    db.close();
  });

  it('uses only reserved, fictional addresses and numbers', () => {
    for (const account of demoAccounts) {
      for (const email of account.emails) expect(email.address).toMatch(/\.example$/);
      // +44 7700 900xxx is Ofcom's range reserved for drama.
      for (const phone of account.phones) expect(phone.number).toMatch(/^\+447700900\d{3}$/);
    }
  });
});
