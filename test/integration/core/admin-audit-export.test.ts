import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../tools/admin/args.js';
import { parseWhen, runAuditExport } from '../../../tools/admin/audit-export.js';
import { csvRecords } from '../../../tools/admin/csv-records.js';
import { adminDeployment, runCommand } from '../../support/admin-deployment.js';
import { describeEachBackend } from '../../support/backends.js';
import type { TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let close: (() => Promise<void> | undefined) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
  dirs.removeAll();
});

interface StoredRow {
  id: number;
  at: string;
  kiosk_id: string;
  seq: number;
  event: string;
  username: string | null;
  name_key: string | null;
  outcome: string;
  actor: string | null;
  detail: string;
}

/** A few walk-ups on three days: an account's name, a name that is nobody's, one typed like a password. */
async function walkUps(t: TestKiosk) {
  const names = ['amira.khan', 'Not.A.Person', 'Secret-Looking-Pa55'];
  for (const [day, name] of names.entries()) {
    if (day > 0) t.clock.advance({ hours: 24 });
    await t.call('session:startOver', {});
    await t.call('journey:begin', { purpose: 'reset', username: name });
    await t.call('session:startOver', {});
  }
  await t.kiosk.settled();
}

async function readCsv(text: string) {
  const records = [];
  for await (const record of csvRecords([text][Symbol.iterator]() as unknown as AsyncIterable<string>)) records.push(record.fields);
  return records;
}

describeEachBackend('npm run admin -- audit export', (backend) => {
  it('writes the records of a window as CSV (quoted) and as JSONL, matching the database, with no typed name in clear', async () => {
    const d = await adminDeployment(dirs.make(), backend);
    close = d.close;
    const t = d.kiosk;
    const start = t.clock.now().getTime();
    await walkUps(t);
    const since = new Date(start + 12 * 3600_000).toISOString();
    const until = new Date(start + 36 * 3600_000).toISOString();
    const stored = (await rowsOf<StoredRow>(t.kiosk.store, 'audit_log')).filter((row) => row.at >= since && row.at < until);
    expect(stored.length).toBeGreaterThan(0);
    const io = { env: t.env, clock: t.clock };

    const csv = await runCommand(runAuditExport, ['--config', d.configFile, '--since', since, '--until', until, '--format', 'csv'], io);
    expect(csv.code).toBe(0);
    expect(csv.errors).toBe(`Exported ${stored.length} record(s).\n`);
    const [head, ...body] = await readCsv(csv.printed);
    expect(head).toEqual(['id', 'at', 'kiosk_id', 'seq', 'event', 'username', 'name_key', 'outcome', 'actor', 'detail']);
    expect(body).toEqual(stored.map((row) => [row.id, row.at, row.kiosk_id, row.seq, row.event, row.username ?? '', row.name_key ?? '', row.outcome, row.actor ?? '', row.detail].map(String)));
    // A detail with commas and quotes is one quoted field.
    expect(csv.printed).toMatch(/,"\{""/);

    const jsonl = await runCommand(runAuditExport, ['--config', d.configFile, '--since', since, '--until', until, '--format', 'jsonl'], io);
    const objects = jsonl.printed.trim().split('\n').map((line) => JSON.parse(line));
    expect(objects.map((object) => object.id)).toEqual(stored.map((row) => row.id));
    expect(objects[0]).toEqual({
      id: stored[0]!.id,
      at: stored[0]!.at,
      kioskId: stored[0]!.kiosk_id,
      seq: stored[0]!.seq,
      event: stored[0]!.event,
      username: stored[0]!.username,
      nameKey: stored[0]!.name_key,
      outcome: stored[0]!.outcome,
      actor: stored[0]!.actor,
      detail: JSON.parse(stored[0]!.detail),
    });

    // The whole trail by age: every walk-up's records, and never a name as typed (only its pseudonym).
    const all = await runCommand(runAuditExport, ['--config', d.configFile, '--since', '7d', '--format', 'jsonl'], io);
    const days = new Set(all.printed.trim().split('\n').map((line) => (JSON.parse(line) as { at: string }).at.slice(0, 10)));
    expect([...days].sort()).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(all.printed).not.toMatch(/Not\.A\.Person|not\.a\.person|Secret-Looking-Pa55|argon2|"hash"|prevHash/i);
    // Each export is itself audited.
    const exports = (await rowsOf<StoredRow>(t.kiosk.store, 'audit_log')).filter((row) => row.event === 'audit.exported');
    expect(exports.map((row) => [row.actor, JSON.parse(row.detail).format])).toEqual([['admin', 'csv'], ['admin', 'jsonl'], ['admin', 'jsonl']]);
  });

  it('writes --out as a private file, never over an existing one', async () => {
    const d = await adminDeployment(dirs.make(), backend);
    close = d.close;
    await walkUps(d.kiosk);
    const out = path.join(dirs.make(), 'audit.csv');
    const io = { env: d.kiosk.env, clock: d.kiosk.clock };
    const result = await runCommand(runAuditExport, ['--config', d.configFile, '--since', '30d', '--format', 'csv', '--out', out], io);
    expect(result.code).toBe(0);
    const { exported } = JSON.parse(result.printed) as { exported: number };
    expect(exported).toBeGreaterThan(2);
    expect(readFileSync(out, 'utf8').trimEnd().split('\r\n')).toHaveLength(exported + 1);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    await expect(runCommand(runAuditExport, ['--config', d.configFile, '--since', '30d', '--format', 'csv', '--out', out], io)).rejects.toThrow(/already exists: an export never overwrites/);
  });
});

describe('audit export options', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');

  it('reads dates, times with their zone, and ages', () => {
    expect(parseWhen('since', '2026-03-01', now).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseWhen('since', '2026-03-01T08:30:00+01:00', now).toISOString()).toBe('2026-03-01T07:30:00.000Z');
    expect(parseWhen('since', '7d', now).toISOString()).toBe('2026-03-03T12:00:00.000Z');
    expect(parseWhen('since', '12h', now).toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(parseWhen('since', '30m', now).toISOString()).toBe('2026-03-10T11:30:00.000Z');
  });

  it('refuses bad dates and formats in words, before opening anything', async () => {
    for (const bad of ['yesterday', '2026-02-30', '2026-03-01T08:30', '7 days', '-7d', '']) {
      expect(() => parseWhen('since', bad, now)).toThrow(/--since must be a date like 2026-11-01, a time with its zone/);
    }
    const io = { env: {}, clock: { now: () => now } };
    const missing = path.join(dirs.make(), 'no-such-config.yaml');
    await expect(runCommand(runAuditExport, ['--config', missing, '--format', 'csv'], io)).rejects.toThrow(/--since WHEN is required/);
    await expect(runCommand(runAuditExport, ['--config', missing, '--since', '7d', '--format', 'xml'], io)).rejects.toThrow(/--format must be csv or jsonl/);
    await expect(runCommand(runAuditExport, ['--config', missing, '--since', '1d', '--until', '2d', '--format', 'csv'], io)).rejects.toThrow(UsageError);
    await expect(runCommand(runAuditExport, ['--config', missing, '--since', '1d', '--until', '2d', '--format', 'csv'], io)).rejects.toThrow(/must be before --until/);
  });
});
