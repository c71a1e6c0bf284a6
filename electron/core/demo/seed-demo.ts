import { defaultArgon2Params, type Argon2Params } from '../hashing/argon2-hasher.js';
import { deriveWithArgon2, historySaltBytes, paramsTag, storedHashName, type DeriveFn } from '../history/history-derivation.js';
import { accountRows } from '../store/accounts.js';
import { contactRows } from '../store/contacts.js';
import { historyDerivationRows, historySaltRows } from '../store/history-rows.js';
import { passwordHistoryRows } from '../store/password-history.js';
import type { Store, Tx } from '../store/store.js';
import type { Clock, PasswordHasher, RandomSource } from '../ports.js';
import { cryptoRandom } from '../system.js';
import { secretBytesOf } from '../authenticator/enrolment.js';
import { createSecretBox } from '../authenticator/secret-box.js';
import { technicianRows } from '../store/technician-rows.js';
import { usernameKeyOf } from '../store/username-key.js';
import { demoAccounts, type DemoAccount } from './demo-accounts.js';
import { demoTechnician } from './demo-technician.js';

const day = 24 * 60 * 60 * 1000;

export interface SeedHistoryOptions {
  /** The kiosk's argon2 parameters (config.hashing), for the demo people's password history entries. */
  params?: Argon2Params;
  /** For the history salts; the OS CSPRNG by default (a test's seeded source keeps its numbers for codes). */
  random?: RandomSource;
  derive?: DeriveFn;
  /**
   * The deployment's `authenticatorSecrets` key: with it, the demo technician (demo-technician.ts) is
   * seeded too, their fixed app secret sealed as `admin technician add` seals a real one.
   */
  technicianKey?: Buffer;
  /** Runs first in the seed's own transaction (`admin demo reset` empties the tables there), so a failed seed changes nothing. */
  clearFirst?: (tx: Tx) => Promise<void>;
}

/**
 * Fills a freshly migrated database with the demo people. Hashing happens first (it is async); all
 * rows are then written in one transaction, so a failed seed leaves an empty database, not half of one.
 * Every password a demo person has had, current and earlier, also gets its entry in the kiosk's
 * password history (history/password-history.ts), linked to its stored hash, as a change through the
 * kiosk would leave it: the reuse check then costs one argon2 derivation for them from the start.
 */
export async function seedDemoDatabase(
  store: Store,
  hasher: PasswordHasher,
  clock: Clock,
  accounts: readonly DemoAccount[] = demoAccounts,
  options: SeedHistoryOptions = {},
): Promise<void> {
  const params = options.params ?? defaultArgon2Params;
  const random = options.random ?? cryptoRandom;
  const derive = options.derive ?? deriveWithArgon2;
  const remembered = async (salt: Buffer, password: string) => {
    const [hash, derivation] = await Promise.all([hasher.hash(password), derive(password, salt, params)]);
    return { hash, derivation: derivation.toString('hex') };
  };
  const hashed = await Promise.all(
    accounts.map(async (account) => {
      const salt = random.bytes(historySaltBytes);
      return {
        account,
        salt: salt.toString('hex'),
        current: await remembered(salt, account.password),
        earlier: await Promise.all(account.earlierPasswords.map((password) => remembered(salt, password))),
      };
    }),
  );
  const now = clock.now().getTime();
  const at = (daysAgo: number) => new Date(now - daysAgo * day).toISOString();
  const technician = options.technicianKey === undefined ? null : await demoTechnicianRow(options.technicianKey, hasher, random, at(90));

  await store.run(async (tx) => {
    await options.clearFirst?.(tx);
    for (const { account, salt, current, earlier } of hashed) {
      // Each earlier password lived 90 days; the current one was set 30 days ago.
      const id = await accountRows.insert(tx, {
        username: account.username,
        firstName: account.firstName,
        lastName: account.lastName,
        passwordHash: current.hash,
        passwordChangedAt: at(30),
        lockedAt: account.locked ? at(0) : null,
      });
      await historySaltRows.create(tx, id, salt, at(0));
      const entry = (password: { hash: string; derivation: string }, setAt: string) =>
        historyDerivationRows.add(tx, {
          accountId: id,
          derivation: password.derivation,
          params: paramsTag(params),
          state: 'kept',
          changeId: null,
          storedHash: storedHashName(password.hash),
          createdAt: setAt,
        });
      for (const [index, password] of earlier.entries()) {
        const age = 30 + (earlier.length - index) * 90;
        await passwordHistoryRows.add(tx, id, password.hash, at(age), at(age - 90));
        await entry(password, at(age));
      }
      await entry(current, at(30));
      for (const email of account.emails) {
        await contactRows.add(tx, id, { kind: 'email', value: email.address, verifiedAt: email.verified ? at(60) : null });
      }
      for (const phone of account.phones) {
        await contactRows.add(tx, id, { kind: 'phone', value: phone.number, verifiedAt: phone.verified ? at(60) : null });
      }
    }
    if (technician !== null) await technicianRows.insert(tx, technician);
  });
}

async function demoTechnicianRow(key: Buffer, hasher: PasswordHasher, random: RandomSource, createdAt: string) {
  const secret = secretBytesOf(demoTechnician.totpSecret);
  if (secret === null) throw new Error('the demo technician\'s secret is not base32');
  const sealed = createSecretBox(key, random).sealTechnician(usernameKeyOf(demoTechnician.username), secret);
  return {
    username: demoTechnician.username,
    displayName: demoTechnician.displayName,
    passwordHash: await hasher.hash(demoTechnician.password),
    ciphertext: sealed.ciphertext,
    nonce: sealed.nonce,
    createdAt,
  };
}
