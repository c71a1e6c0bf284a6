import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { longestStall } from '../../support/event-loop-stall.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
let holder: BetterSqlite3.Database | undefined;
afterEach(async () => {
  holder?.close();
  holder = undefined;
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

/** Another program (a backup tool, a second kiosk process) holds the database's write lock. */
function holdWriteLock(file: string): BetterSqlite3.Database {
  const other = new BetterSqlite3(file);
  other.exec('BEGIN IMMEDIATE');
  return other;
}


describe('a database held by another process', () => {
  it('gives a code check "the kiosk is busy" in words, without freezing the kiosk, and changes nothing', async () => {
    t = await startTestKiosk({ dataDir: dirs.make() });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    const file = t.kiosk.config.store.kind === 'sqlite' ? t.kiosk.config.store.path : '';

    holder = holdWriteLock(file);
    // A code check reads, then writes: it must wait for the lock, not fail at once or block the loop.
    const { result, stallMs } = await longestStall(() => t!.call('code:verify', { code: '00000000' }));
    expect(result).toEqual({ ok: false, error: { code: 'BUSY' } });
    // SQLite's own wait is 20 ms per try; the old 5 s busy timeout froze the window for all of it.
    expect(stallMs).toBeLessThan(1000);
    const request = await t.call('code:resend', {});
    expect(request).toEqual({ ok: false, error: { code: 'BUSY' } });
    holder.exec('ROLLBACK');

    // Nothing was counted while busy: the first wrong code now is the first of the account's tries.
    expect(await t.call('code:verify', { code: '00000000' })).toEqual({ ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 4 } } });
  });

  it('lets the step through once the other process lets go within the wait', async () => {
    t = await startTestKiosk({ dataDir: dirs.make() });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const file = t.kiosk.config.store.kind === 'sqlite' ? t.kiosk.config.store.path : '';
    holder = holdWriteLock(file);
    const other = holder;
    setTimeout(() => other.exec('ROLLBACK'), 150);
    expect(valueOf(await t.call('code:choose', { method: 'email' })).stage).toBe('code_sent');
  });
});
