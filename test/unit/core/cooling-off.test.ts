import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoolingOff } from '../../../electron/core/proofs/cooling-off.js';
import { contactRows } from '../../../electron/core/store/contacts.js';
import type { Store } from '../../../electron/core/store/store.js';
import { insertTestAccount, openTestStore } from '../../support/core-store.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock, type TestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
let store: Store;
let clock: TestClock;
let account: number;

beforeEach(async () => {
  store = await openTestStore(dirs.make());
  clock = createTestClock('2026-03-10T12:00:00.000Z');
  account = await insertTestAccount(store, 'amira.khan');
  await store.run(async (tx) => {
    await contactRows.add(tx, account, { kind: 'email', value: 'old@homemail.example', verifiedAt: '2026-01-01T12:00:00.000Z' });
    await contactRows.add(tx, account, { kind: 'email', value: 'new@homemail.example', verifiedAt: '2026-03-08T12:00:00.000Z' });
    // Never verified: it never got a code, so it cannot hold a method back.
    await contactRows.add(tx, account, { kind: 'email', value: 'unverified@homemail.example', verifiedAt: null });
    await contactRows.add(tx, account, { kind: 'phone', value: '+447700900123', verifiedAt: '2026-02-01T12:00:00.000Z' });
  });
});
afterEach(async () => {
  await store.close();
  dirs.removeAll();
});

describe('cooling-off', () => {
  it('is off with 0 days', async () => {
    const off = createCoolingOff({ store, clock, days: 0 });
    expect(await off.until({ accountId: account, method: 'email', appAddedAt: null })).toBeNull();
    expect(await off.until({ accountId: account, method: 'app', appAddedAt: clock.now().toISOString() })).toBeNull();
  });

  it('holds email back until the newest verified address has cooled off', async () => {
    const week = createCoolingOff({ store, clock, days: 7 });
    expect(await week.until({ accountId: account, method: 'email', appAddedAt: null })).toEqual(new Date('2026-03-15T12:00:00.000Z'));
    // Texts go to the phone alone, verified long enough ago.
    expect(await week.until({ accountId: account, method: 'sms', appAddedAt: null })).toBeNull();
    clock.set('2026-03-15T12:00:00.000Z');
    expect(await week.until({ accountId: account, method: 'email', appAddedAt: null })).toBeNull();
  });

  it('counts an app from when it was set up', async () => {
    const week = createCoolingOff({ store, clock, days: 7 });
    expect(await week.until({ accountId: account, method: 'app', appAddedAt: '2026-03-10T11:00:00.000Z' })).toEqual(new Date('2026-03-17T11:00:00.000Z'));
    expect(await week.until({ accountId: account, method: 'app', appAddedAt: '2026-03-03T11:59:59.000Z' })).toBeNull();
  });
});
