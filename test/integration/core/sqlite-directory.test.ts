import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { parseArgon2Phc } from '../../../electron/core/hashing/phc.js';
import type { Store } from '../../../electron/core/store/store.js';
import { rowsOf } from '../../support/database-dump.js';
import { insertTestAccount, openTestStore } from '../../support/core-store.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
const clock = createTestClock();
let store: Store;

beforeEach(async () => {
  store = await openTestStore(dirs.make());
});
afterEach(async () => {
  await store.close();
  dirs.removeAll();
});

describe('the embedded directory in the kiosk’s store', () => {
  it('finds accounts case-insensitively and never hands out the hash', async () => {
    const hasher = createArgon2Hasher();
    await insertTestAccount(store, 'amira.khan', { passwordHash: await hasher.hash('Wq3nVb8zHt5kLp') });
    const directory = createStoreDirectory(store, hasher, clock);
    const account = await directory.findAccount('AMIRA.Khan');
    expect(account).toEqual({ id: 1, username: 'amira.khan', firstName: 'Test', lastName: 'Person', status: 'active', locked: false });
    expect(await directory.findAccount('amira')).toBeNull();
  });

  it('folds case beyond ASCII, and finds a precomposed and a decomposed accent as one name', async () => {
    await insertTestAccount(store, 'zoë.ångström');
    const directory = createStoreDirectory(store, createArgon2Hasher(), clock);
    expect((await directory.findAccount('ZOË.ÅNGSTRÖM'))?.username).toBe('zoë.ångström');
    expect((await directory.findAccount('zoe\u0308.a\u030angstro\u0308m'))?.username).toBe('zoë.ångström');
  });

  it('reports a disabled account as such (the journey decides what that means)', async () => {
    await insertTestAccount(store, 'erin.walsh', { status: 'disabled' });
    const directory = createStoreDirectory(store, createArgon2Hasher(), clock);
    expect(await directory.findAccount('erin.walsh')).toMatchObject({ username: 'erin.walsh', status: 'disabled' });
  });

  it('locks an account after lockout.failedSignIns wrong passwords, says "locked" only to the right password, and unlocks by time or on request', async () => {
    const hasher = createArgon2Hasher();
    const id = await insertTestAccount(store, 'amira.khan', { passwordHash: await hasher.hash('Wq3nVb8zHt5kLp') });
    const directory = createStoreDirectory(store, hasher, clock, { failedSignIns: { limit: 3, windowMinutes: 30, lockMinutes: 30 } });
    expect(await directory.signIn(id, 'Wq3nVb8zHt5kLp')).toBe('ok');
    for (let i = 0; i < 3; i += 1) expect(await directory.signIn(id, 'Wrong0Password1')).toBe('wrong');
    expect(await directory.isLocked(id)).toBe(true);
    expect((await directory.findAccount('amira.khan'))!.locked).toBe(true);
    // A wrong password on a locked account still just says "wrong": the lock is told only to its owner.
    expect(await directory.signIn(id, 'Wrong0Password1')).toBe('wrong');
    expect(await directory.signIn(id, 'Wq3nVb8zHt5kLp')).toBe('locked');

    clock.advance({ minutes: 30 });
    expect(await directory.isLocked(id)).toBe(false);
    expect(await directory.signIn(id, 'Wq3nVb8zHt5kLp')).toBe('ok');

    for (let i = 0; i < 3; i += 1) await directory.signIn(id, 'Wrong0Password1');
    expect(await directory.isLocked(id)).toBe(true);
    await directory.unlock(id);
    expect(await directory.isLocked(id)).toBe(false);
    // The unlock also forgot the failures: two more wrong ones do not lock it again.
    for (let i = 0; i < 2; i += 1) await directory.signIn(id, 'Wrong0Password1');
    expect(await directory.isLocked(id)).toBe(false);
  });

  it('counts only wrong passwords inside the window, and says "disabled" only to the right password', async () => {
    const hasher = createArgon2Hasher();
    const id = await insertTestAccount(store, 'amira.khan', { passwordHash: await hasher.hash('Wq3nVb8zHt5kLp') });
    const directory = createStoreDirectory(store, hasher, clock, { failedSignIns: { limit: 3, windowMinutes: 30, lockMinutes: 0 } });
    for (let i = 0; i < 2; i += 1) await directory.signIn(id, 'Wrong0Password1');
    clock.advance({ minutes: 31 });
    await directory.signIn(id, 'Wrong0Password1');
    expect(await directory.isLocked(id)).toBe(false);
    const gone = await insertTestAccount(store, 'gail.disabled', { status: 'disabled', passwordHash: await hasher.hash('Hv4mTq8zRn2cWx') });
    expect(await directory.signIn(gone, 'Wrong0Password1')).toBe('wrong');
    expect(await directory.signIn(gone, 'Hv4mTq8zRn2cWx')).toBe('disabled');
  });

  it('sets a password: old hash into history, lock cleared, all in one write', async () => {
    const hasher = createArgon2Hasher();
    const id = await insertTestAccount(store, 'dev.patel', { passwordHash: await hasher.hash('Gm5rXv3bPc9yTs'), lockedAt: clock.now().toISOString() });
    const directory = createStoreDirectory(store, hasher, clock);
    expect(await directory.isLocked(id)).toBe(true);
    expect(await directory.passwordChangedAt(id)).toEqual(new Date('2026-01-01T00:00:00.000Z'));

    await directory.setPassword(id, 'Cv7nXt2mQp8wLs');
    expect(await directory.verifyPassword(id, 'Cv7nXt2mQp8wLs')).toBe(true);
    expect(await directory.verifyPassword(id, 'Gm5rXv3bPc9yTs')).toBe(false);
    expect(await directory.isLocked(id)).toBe(false);
    // What recovery asks after a crash: did the change reach the directory?
    expect(await directory.passwordChangedAt(id)).toEqual(clock.now());
    expect(await rowsOf(store, 'password_history')).toEqual([
      { id: 1, account_id: id, password_hash: expect.stringMatching(/^\$argon2id\$/), set_at: '2026-01-01T00:00:00.000Z', retired_at: clock.now().toISOString() },
    ]);
    expect(await store.db.selectFrom('accounts').select(['password_changed_at', 'locked', 'locked_at']).where('id', '=', id).executeTakeFirst()).toEqual({
      password_changed_at: clock.now().toISOString(),
      locked: 0,
      locked_at: null,
    });
  });

  it('returns the current hash first, then earlier ones newest first, limited when asked', async () => {
    const hasher = createArgon2Hasher();
    const id = await insertTestAccount(store, 'amira.khan', { passwordHash: await hasher.hash('First1234567a') });
    const directory = createStoreDirectory(store, hasher, clock);
    await directory.setPassword(id, 'Second1234567a');
    await directory.setPassword(id, 'Third1234567ab');
    const all = await directory.passwordHashes(id, 'all');
    expect(all).toHaveLength(3);
    expect(await hasher.verify(all[0]!, 'Third1234567ab')).toBe(true);
    expect(await hasher.verify(all[1]!, 'Second1234567a')).toBe(true);
    expect(await hasher.verify(all[2]!, 'First1234567a')).toBe(true);
    expect(await directory.passwordHashes(id, 1)).toEqual(all.slice(0, 2));
    expect(await directory.passwordHashes(id, 0)).toEqual(all.slice(0, 1));
    expect(await directory.passwordHashes(999, 'all')).toEqual([]);
  });

  it('upgrades a hash made with older parameters when the password changes', async () => {
    const weaker = createArgon2Hasher({ memoryKiB: 19456, timeCost: 2, parallelism: 1 });
    const current = createArgon2Hasher({ memoryKiB: 19456, timeCost: 3, parallelism: 1 });
    const id = await insertTestAccount(store, 'amira.khan', { passwordHash: await weaker.hash('Wq3nVb8zHt5kLp') });
    const directory = createStoreDirectory(store, current, clock);
    expect(current.needsRehash((await directory.passwordHashes(id, 0))[0]!)).toBe(true);
    // Older hashes still verify, so login and the reuse check keep working across the upgrade.
    expect(await directory.verifyPassword(id, 'Wq3nVb8zHt5kLp')).toBe(true);

    await directory.setPassword(id, 'Nt4kRw8pZm2xCv');
    const [newest] = await directory.passwordHashes(id, 0);
    expect(parseArgon2Phc(newest!)?.timeCost).toBe(3);
    expect(current.needsRehash(newest!)).toBe(false);
  });

  it('leaves everything as it was when the account does not exist', async () => {
    const directory = createStoreDirectory(store, createArgon2Hasher(), clock);
    await expect(directory.setPassword(42, 'Nt4kRw8pZm2xCv')).rejects.toThrow(/No account/);
    expect(await rowsOf(store, 'password_history')).toEqual([]);
    expect(await directory.verifyPassword(42, 'anything')).toBe(false);
    expect(await directory.passwordChangedAt(42)).toBeNull();
    expect(await directory.isLocked(42)).toBe(false);
  });

  it('unlocks without touching the password', async () => {
    const hasher = createArgon2Hasher();
    const id = await insertTestAccount(store, 'dev.patel', { passwordHash: await hasher.hash('Gm5rXv3bPc9yTs'), lockedAt: clock.now().toISOString() });
    const directory = createStoreDirectory(store, hasher, clock);
    await directory.unlock(id);
    expect(await directory.isLocked(id)).toBe(false);
    expect(await directory.verifyPassword(id, 'Gm5rXv3bPc9yTs')).toBe(true);
    expect(await rowsOf(store, 'password_history')).toEqual([]);
    expect(await directory.passwordChangedAt(id)).toEqual(new Date('2026-01-01T00:00:00.000Z'));
  });
});
