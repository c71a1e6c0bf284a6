import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/verify-audit-chain.js';
import { describeEachBackend } from '../../support/backends.js';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk;

const verify = () => verifyAuditChain(t.kiosk.store.db, t.kiosk.keys.auditChain);
const ids = async () => (await t.kiosk.store.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((row) => Number(row.id));

describeEachBackend('the tamper-evident audit trail', (backend) => {
  /** A few real records: one person's reset attempt and a start over. */
  beforeEach(async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    await t.call('code:verify', { code: '00000000' });
    valueOf(await t.call('session:startOver', {}));
  });
  afterEach(async () => {
    await t.kiosk.close();
    dirs.removeAll();
  });

  it('verifies when nothing was touched', async () => {
    const report = await verify();
    expect(report).toMatchObject({ ok: true, problem: null, unchained: 0 });
    expect(report.records).toBe((await ids()).length);
    expect(report.kiosks).toEqual([{ kioskId: 'demo-kiosk-1', firstSeq: 1, lastSeq: report.records }]);
  });

  it('names the first edited record, whether the edit is to its words or only to its spacing', async () => {
    const [, second, third] = await ids();
    await t.kiosk.store.db.updateTable('audit_log').set({ outcome: 'refused' }).where('id', '=', third!).execute();
    await t.kiosk.store.db.updateTable('audit_log').set({ detail: '{ }' }).where('id', '=', second!).execute();
    expect((await verify()).problem).toMatchObject({ kind: 'edited', recordId: second });
  });

  it('names a deleted record by the gap it leaves', async () => {
    const [, second] = await ids();
    await t.kiosk.store.db.deleteFrom('audit_log').where('id', '=', second!).execute();
    expect((await verify()).problem).toMatchObject({ kind: 'deleted', seq: 3, message: expect.stringContaining('number 2 is missing') });
  });

  it('names records that were swapped', async () => {
    const [first, second] = await ids();
    // Swap the two rows' places in insertion order, every field intact.
    const db = t.kiosk.store.db;
    await db.updateTable('audit_log').set({ id: 100_000 }).where('id', '=', first!).execute();
    await db.updateTable('audit_log').set({ id: first! }).where('id', '=', second!).execute();
    await db.updateTable('audit_log').set({ id: second! }).where('id', '=', 100_000).execute();
    expect((await verify()).problem).toMatchObject({ kind: 'reordered', recordId: first, seq: 2 });
  });

  it('notices records cut from the end, which leave no gap', async () => {
    const all = await ids();
    await t.kiosk.store.db.deleteFrom('audit_log').where('id', '=', all.at(-1)!).execute();
    expect((await verify()).problem).toMatchObject({ kind: 'truncated' });
  });

  it('cannot be re-sealed without the deployment key', async () => {
    const [, second] = await ids();
    // Someone with the database but not the key recomputes a plain SHA-256 "seal": still caught.
    await t.kiosk.store.db.updateTable('audit_log').set({ outcome: 'failed', hash: 'f'.repeat(64) }).where('id', '=', second!).execute();
    expect((await verify()).problem).toMatchObject({ kind: 'edited', recordId: second });
  });
});
