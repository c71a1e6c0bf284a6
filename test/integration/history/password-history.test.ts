import { afterEach, expect, it } from 'vitest';
import type { Directory } from '../../../electron/core/ports.js';
import { StoreUnavailableError } from '../../../electron/core/store/store-errors.js';
import { presets } from '../../../shared/policy/policy-config.js';
import { describeEachBackend } from '../../support/backends.js';
import { insertTestAccount } from '../../support/core-store.js';
import { rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { changeTimes, openHistoryFixture, passwordNumber, seedPerson, type HistoryFixture } from './history-fixture.js';

const dirs = createTempDirs();
let f: HistoryFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
  dirs.removeAll();
});

const neverUsed = 'Zr8cLw3nVt6bQy';
const reused = (failed: string[]) => failed.includes('reused');

interface EntryRow {
  account_id: number;
  state: string;
  change_id: number | null;
  stored_hash: string | null;
}
const entriesOf = async (fixture: HistoryFixture, accountId: number) =>
  (await rowsOf<EntryRow>(fixture.store, 'history_derivations')).filter((row) => Number(row.account_id) === accountId);

/** A directory whose setPassword never answers: the kiosk stopped while waiting for it. */
const hanging = (directory: Directory, applyFirst: boolean): Directory => ({
  ...directory,
  setPassword: async (id, password) => {
    if (applyFirst) await directory.setPassword(id, password);
    await new Promise<void>(() => undefined);
  },
});

describeEachBackend('the password history', (backend) => {
  it('costs the same argon2 computations for 1 and for 200 earlier passwords: one derivation, no verify', { timeout: 120_000 }, async () => {
    f = await openHistoryFixture(dirs.make(), backend);
    const short = await seedPerson(f, 'short.history', 'Initial0Pass1word');
    const long = await seedPerson(f, 'long.history', 'Initial0Pass2word');
    await changeTimes(f, short, 1);
    const longPasswords = await changeTimes(f, long, 200, 1000);
    expect(await f.directory.passwordHashes(short.id, 'all')).toHaveLength(2);
    expect(await f.directory.passwordHashes(long.id, 'all')).toHaveLength(201);

    const shortCost = await f.counted(() => f!.judge.full(neverUsed, short));
    const longCost = await f.counted(() => f!.judge.full(neverUsed, long));
    expect(shortCost).toEqual({ hash: 0, verify: 0, derive: 1 });
    expect(longCost).toEqual(shortCost);
    // A refused candidate costs the same: every entry is compared, none stops the check early.
    expect(await f.counted(async () => expect(reused(await f!.judge.full(longPasswords[0]!, long))).toBe(true))).toEqual(shortCost);

    // The judge as it was: one verify per stored hash, growing with the history.
    expect(await f.counted(() => f!.judgeWithoutHistory.full(neverUsed, short))).toEqual({ hash: 0, verify: 2, derive: 0 });
    expect(await f.counted(() => f!.judgeWithoutHistory.full(neverUsed, long))).toEqual({ hash: 0, verify: 201, derive: 0 });
  });

  it('still refuses the current password and every earlier one, and lets a new one through', { timeout: 120_000 }, async () => {
    f = await openHistoryFixture(dirs.make(), backend);
    const account = await seedPerson(f, 'robin.ashdown', 'Initial0Pass1word', ['Seeded0Early1word', 'Seeded0Later2word']);
    const set = await changeTimes(f, account, 30);
    for (const used of ['Seeded0Early1word', 'Seeded0Later2word', 'Initial0Pass1word', ...set]) {
      expect(reused(await f.judge.full(used, account)), used).toBe(true);
    }
    expect(reused(await f.judge.full(neverUsed, account))).toBe(false);
    // Every password set through the kiosk stands for its stored hash: nothing is left to verify.
    expect((await entriesOf(f, account.id)).every((row) => row.state === 'kept' && row.stored_hash !== null)).toBe(true);
    expect(await f.counted(() => f!.judge.full(set[0]!, account))).toEqual({ hash: 0, verify: 0, derive: 1 });
  });

  it('refuses passwords whose hashes came before the history (no entry): verified the old way, a number that does not grow', { timeout: 120_000 }, async () => {
    f = await openHistoryFixture(dirs.make(), backend);
    const id = await insertTestAccount(f.store, 'old.timer', { passwordHash: await f.hasher.hash('Legacy0Pass0word') });
    // Set behind the kiosk's back, as before this history existed: hashes only, no entries.
    for (const n of [1, 2, 3]) await f.directory.setPassword(id, `Legacy0Pass${n}word`);
    const account = await f.account('old.timer');
    const legacy = [0, 1, 2, 3].map((n) => `Legacy0Pass${n}word`);
    for (const used of legacy) expect(reused(await f.judge.full(used, account)), used).toBe(true);
    // No salt yet, so nothing to derive: exactly the old cost.
    expect(await f.counted(() => f!.judge.full(neverUsed, account))).toEqual({ hash: 0, verify: 4, derive: 0 });

    const few = await changeTimes(f, account, 5);
    const afterFew = await f.counted(() => f!.judge.full(neverUsed, account));
    const many = await changeTimes(f, account, 40, 100);
    const afterMany = await f.counted(() => f!.judge.full(neverUsed, account));
    expect(afterFew).toEqual({ hash: 0, verify: 4, derive: 1 });
    expect(afterMany).toEqual(afterFew);
    for (const used of [...legacy, ...few, ...many]) expect(reused(await f.judge.full(used, account)), used).toBe(true);
  });

  it('with a numeric limit refuses the current and the last N, exactly as the directory counts them', { timeout: 120_000 }, async () => {
    f = await openHistoryFixture(dirs.make(), backend, { ...presets.campus, history: 2 });
    const account = await seedPerson(f, 'robin.ashdown', 'Initial0Pass1word', ['Seeded0Early1word']);
    const set = await changeTimes(f, account, 4);
    // Oldest first: Seeded0Early1word, Initial0Pass1word, set[0..3]; the current one is set[3].
    const expected = new Map([
      ['Seeded0Early1word', false],
      ['Initial0Pass1word', false],
      [set[0]!, false],
      [set[1]!, true],
      [set[2]!, true],
      [set[3]!, true],
    ]);
    for (const [password, refused] of expected) {
      expect(reused(await f.judge.full(password, account)), password).toBe(refused);
      expect(reused(await f.judgeWithoutHistory.full(password, account)), password).toBe(refused);
    }
  });

  it('compares entries made with older argon2 parameters with those parameters: one more derivation, still flat', { timeout: 120_000 }, async () => {
    f = await openHistoryFixture(dirs.make(), backend);
    const account = await seedPerson(f, 'robin.ashdown', 'Initial0Pass1word');
    const before = await changeTimes(f, account, 3);
    const stronger = f.historyWith({ memoryKiB: 2048, timeCost: 2, parallelism: 1 });
    const after = passwordNumber(77);
    await stronger.prepare(account.id, after).then((entry) => f!.store.run((tx) => stronger.remember(tx, entry, { storedHash: null })));
    for (const used of [...before, after]) expect(await stronger.isReused(account.id, used, 'all'), used).toBe(true);
    expect(await f.counted(() => stronger.isReused(account.id, neverUsed, 'all'))).toEqual({ hash: 0, verify: 0, derive: 2 });
  });

  it('refuses a password whose change is still pending, and forgets it when the kiosk learns the change never happened', async () => {
    f = await openHistoryFixture(dirs.make(), backend);
    const account = await seedPerson(f, 'robin.ashdown', 'Initial0Pass1word');
    const password = passwordNumber(5);
    // The kiosk stops between the intent (with the entry) and the directory write.
    void f.changerOver(hanging(f.directory, false)).change({ account, typedName: account.username, password, purpose: 'reset' });
    await expect.poll(async () => (await entriesOf(f!, account.id)).filter((row) => row.state === 'pending').length).toBe(1);
    expect(reused(await f.judge.full(password, account))).toBe(true);

    f.clock.advance({ seconds: 1 });
    expect(await f.changer.recover({ olderThanMs: 0, onlyThisKiosk: true })).toEqual({ completed: 0, abandoned: 1 });
    expect(await f.directory.verifyPassword(account.id, password)).toBe(false);
    expect(reused(await f.judge.full(password, account))).toBe(false);
    expect((await entriesOf(f, account.id)).map((row) => row.state)).toEqual(['kept']);
  });

  it('leaves no gap when the kiosk stopped after the directory write and before its bookkeeping', async () => {
    f = await openHistoryFixture(dirs.make(), backend);
    const account = await seedPerson(f, 'robin.ashdown', 'Initial0Pass1word');
    const password = passwordNumber(6);
    void f.changerOver(hanging(f.directory, true)).change({ account, typedName: account.username, password, purpose: 'reset' });
    await expect.poll(() => f!.directory.verifyPassword(account.id, password)).toBe(true);
    // Before recovery: the pending entry refuses it (and its unlinked hash would too).
    expect(reused(await f.judge.full(password, account))).toBe(true);

    f.clock.advance({ seconds: 1 });
    expect(await f.changer.recover({ olderThanMs: 0, onlyThisKiosk: true })).toEqual({ completed: 1, abandoned: 0 });
    expect(reused(await f.judge.full(password, account))).toBe(true);
    const entries = await entriesOf(f, account.id);
    expect(entries.map((row) => row.state)).toEqual(['kept', 'kept']);
    // Recovery does not link the entry (the directory may have moved on): its hash is verified, one more argon2.
    expect(await f.counted(() => f!.judge.full(neverUsed, account))).toEqual({ hash: 0, verify: 1, derive: 1 });
  });

  it('keeps the entry of a superseded change, which may have reached the directory before the later one', async () => {
    f = await openHistoryFixture(dirs.make(), backend);
    const account = await seedPerson(f, 'robin.ashdown', 'Initial0Pass1word');
    const first = passwordNumber(7);
    void f.changerOver(hanging(f.directory, true)).change({ account, typedName: account.username, password: first, purpose: 'reset' });
    await expect.poll(() => f!.directory.verifyPassword(account.id, first)).toBe(true);
    f.clock.advance({ seconds: 1 });
    const [second] = await changeTimes(f, account, 1, 8);
    expect(await f.changer.recover({ olderThanMs: 0, onlyThisKiosk: true })).toEqual({ completed: 0, abandoned: 1 });
    for (const used of [first, second!]) expect(reused(await f.judge.full(used, account)), used).toBe(true);
  });

  it('drops the entry of a change the directory refused for want of a database: nothing was set', async () => {
    f = await openHistoryFixture(dirs.make(), backend);
    const account = await seedPerson(f, 'robin.ashdown', 'Initial0Pass1word');
    const password = passwordNumber(9);
    const refusing: Directory = { ...f.directory, setPassword: () => Promise.reject(new StoreUnavailableError('io_error', 'SQLITE_IOERR_WRITE')) };
    expect(await f.changerOver(refusing).change({ account, typedName: account.username, password, purpose: 'reset' })).toEqual({ outcome: 'not_changed', notice: 'none' });
    expect(reused(await f.judge.full(password, account))).toBe(false);
    expect((await entriesOf(f, account.id)).map((row) => row.state)).toEqual(['kept']);
  });

  it('keeps entries apart per account: the same password has different entries under different salts', async () => {
    f = await openHistoryFixture(dirs.make(), backend);
    const shared = 'Shared0Pass1word';
    const one = await seedPerson(f, 'first.person', shared);
    const other = await seedPerson(f, 'second.person', 'Initial0Pass2word');
    expect(reused(await f.judge.full(shared, other))).toBe(false);
    expect(reused(await f.judge.full(shared, one))).toBe(true);
    const salts = await rowsOf<{ salt: string }>(f.store, 'history_salts');
    expect(new Set(salts.map((row) => row.salt)).size).toBe(2);
    const derivations = await rowsOf<{ derivation: string }>(f.store, 'history_derivations');
    expect(new Set(derivations.map((row) => row.derivation)).size).toBe(derivations.length);
  });
});
