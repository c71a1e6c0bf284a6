import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/verify-audit-chain.js';
import { describeEachBackend } from '../../support/backends.js';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

const count = async (kiosk: TestKiosk, table: string) => (await rowsOf(kiosk.kiosk.store, table)).length;

/** Code requests and wrong codes for a few names, as a day at the kiosk leaves them. */
async function aBusyMorning(kiosk: TestKiosk): Promise<void> {
  for (const username of ['amira.khan', 'nobody.here', 'ben.okafor']) {
    await kiosk.call('session:startOver', {});
    valueOf(await kiosk.call('journey:begin', { purpose: 'reset', username }));
    valueOf(await kiosk.call('code:choose', { method: 'email' }));
    await kiosk.call('code:verify', { code: '00000000' });
  }
  await kiosk.call('session:startOver', {});
  await kiosk.kiosk.settled();
}

describeEachBackend('housekeeping', (backend) => {
  it('keeps everything a rule still needs', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    await aBusyMorning(t);
    const before = { challenges: await count(t, 'challenges'), events: await count(t, 'throttle_events') };
    t.clock.advance({ hours: 2 });
    const report = await t.kiosk.maintenance.runOnce();
    expect(report).toMatchObject({ challenges: 0, throttleEvents: 0, auditExported: 0 });
    expect({ challenges: await count(t, 'challenges'), events: await count(t, 'throttle_events') }).toEqual(before);
  });

  it('deletes expired codes, throttle events outside every window and ended blocks, once no rule needs them', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    await aBusyMorning(t);
    const challenges = await count(t, 'challenges');
    const events = await count(t, 'throttle_events');
    expect(challenges).toBeGreaterThan(0);
    t.clock.advance({ hours: 49 });
    const report = await t.kiosk.maintenance.runOnce();
    expect(report).toMatchObject({ challenges, throttleEvents: events });
    expect(await count(t, 'challenges')).toBe(0);
    expect(await count(t, 'throttle_events')).toBe(0);
    expect(await count(t, 'throttle_blocks')).toBe(0);
  });

  it('exports audit records past their retention to a file before deleting them, and the chain still verifies', async () => {
    const dataDir = dirs.make();
    t = await startTestKiosk({ dataDir, backend, configure: (config) => ({ ...config, audit: { retentionDays: 30, exportDir: path.join(dataDir, 'exports') } }) });
    await aBusyMorning(t);
    const old = await count(t, 'audit_log');
    t.clock.advance({ hours: 24 * 31 });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const report = await t.kiosk.maintenance.runOnce();
    expect(report.auditExported).toBe(old);
    expect(await count(t, 'audit_log')).toBe(1);

    const [file] = readdirSync(path.join(dataDir, 'exports'));
    expect(file).toBe('audit-demo-kiosk-1-2026-04-02.jsonl');
    const lines = readFileSync(path.join(dataDir, 'exports', file!), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { seq: number; hash: string });
    expect(lines.map((line) => line.seq)).toEqual(Array.from({ length: old }, (_, index) => index + 1));
    expect(await verifyAuditChain(t.kiosk.store.db, t.kiosk.keys.auditChain)).toMatchObject({ ok: true, kiosks: [{ firstSeq: old + 1, lastSeq: old + 1 }] });
    const [anchor] = await rowsOf<{ seq: number; hash: string }>(t.kiosk.store, 'audit_anchors');
    expect(anchor).toMatchObject({ seq: old, hash: lines.at(-1)!.hash });
  });

  it('prunes in small batches, so a large backlog never holds the database for long', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    const at = t.clock.now().toISOString();
    await t.kiosk.store.run(async (tx) => {
      for (let i = 0; i < 1300; i += 1) await tx.insertInto('throttle_events').values({ scope: 'kioskRequests', subject: 'old', at }).execute();
    });
    t.clock.advance({ hours: 49 });
    let transactions = 0;
    const run = t.kiosk.store.run.bind(t.kiosk.store);
    t.kiosk.store.run = (work) => {
      transactions += 1;
      return run(work);
    };
    expect((await t.kiosk.maintenance.runOnce()).throttleEvents).toBe(1300);
    // 500 per transaction: three batches of events, plus the other tables' passes.
    expect(transactions).toBeGreaterThanOrEqual(3 + 4);
  });
});
