import { accountRows } from '../store/accounts.js';
import { contactRows } from '../store/contacts.js';
import { passwordHistoryRows } from '../store/password-history.js';
import type { Store } from '../store/store.js';
import type { Clock, PasswordHasher } from '../ports.js';
import { demoAccounts, type DemoAccount } from './demo-accounts.js';

const day = 24 * 60 * 60 * 1000;

/**
 * Fills a freshly migrated database with the demo people. Hashing happens first (it is async); all
 * rows are then written in one transaction, so a failed seed leaves an empty database, not half of one.
 */
export async function seedDemoDatabase(store: Store, hasher: PasswordHasher, clock: Clock, accounts: readonly DemoAccount[] = demoAccounts): Promise<void> {
  const hashed = await Promise.all(
    accounts.map(async (account) => ({
      account,
      current: await hasher.hash(account.password),
      earlier: await Promise.all(account.earlierPasswords.map((password) => hasher.hash(password))),
    })),
  );
  const now = clock.now().getTime();
  const at = (daysAgo: number) => new Date(now - daysAgo * day).toISOString();

  await store.run(async (tx) => {
    for (const { account, current, earlier } of hashed) {
      // Each earlier password lived 90 days; the current one was set 30 days ago.
      const id = await accountRows.insert(tx, {
        username: account.username,
        firstName: account.firstName,
        lastName: account.lastName,
        passwordHash: current,
        passwordChangedAt: at(30),
        lockedAt: account.locked ? at(0) : null,
      });
      for (const [index, hash] of earlier.entries()) {
        const age = 30 + (earlier.length - index) * 90;
        await passwordHistoryRows.add(tx, id, hash, at(age), at(age - 90));
      }
      for (const email of account.emails) {
        await contactRows.add(tx, id, { kind: 'email', value: email.address, verifiedAt: email.verified ? at(60) : null });
      }
      for (const phone of account.phones) {
        await contactRows.add(tx, id, { kind: 'phone', value: phone.number, verifiedAt: phone.verified ? at(60) : null });
      }
    }
  });
}
