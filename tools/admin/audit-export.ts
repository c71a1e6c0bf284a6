import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { auditRows, type AuditRow } from '../../electron/core/audit/audit-rows.js';
import { systemClock } from '../../electron/core/system.js';
import { parseFlags, UsageError } from './args.js';
import { csvLine, spreadsheetSafe } from './csv-records.js';
import { openDeployment } from './open-deployment.js';
import type { CommandIo } from './technician-commands.js';

export const auditExportUsage = [
  'audit export --config FILE --since WHEN [--until WHEN] --format csv|jsonl [--out FILE]   records from WHEN (2026-11-01, 2026-11-01T08:00Z or 7d, 12h, 30m ago)',
];

export const exportFormats = ['csv', 'jsonl'] as const;
type ExportFormat = (typeof exportFormats)[number];

/** The columns of an export: what `audit find` shows. The seal fields stay in the database (audit verify checks them there). */
export const exportColumns = ['id', 'at', 'kiosk_id', 'seq', 'event', 'username', 'name_key', 'outcome', 'actor', 'detail'] as const;

const batchSize = 1000;
const ageUnits: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
// A time needs its zone: "08:00" on a kiosk and on the desk's laptop may be different moments.
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** "2026-11-01" (midnight UTC), an ISO time with its zone, or an age before `now` ("7d", "12h", "30m"). */
export function parseWhen(flag: string, text: string, now: Date): Date {
  const age = /^(\d{1,5})([dhm])$/.exec(text);
  if (age !== null) return new Date(now.getTime() - Number(age[1]) * ageUnits[age[2]!]!);
  const candidate = dateOnly.test(text) ? new Date(`${text}T00:00:00.000Z`) : dateTime.test(text) ? new Date(text) : null;
  // new Date('2026-02-30') rolls over to March; the round trip catches a day that does not exist.
  if (candidate !== null && !Number.isNaN(candidate.getTime()) && (!dateOnly.test(text) || candidate.toISOString().startsWith(text))) return candidate;
  throw new UsageError(`--${flag} must be a date like 2026-11-01, a time with its zone like 2026-11-01T08:00:00Z, or an age like 7d, 12h or 30m`);
}

function exportedFields(row: AuditRow) {
  return { id: row.id, at: row.at, kioskId: row.kioskId, seq: row.seq, event: row.event, username: row.username, nameKey: row.nameKey, outcome: row.outcome, actor: row.actor, detail: row.detail };
}

function formatRow(row: AuditRow, format: ExportFormat): string {
  if (format === 'jsonl') return `${JSON.stringify(exportedFields(row))}\n`;
  const values = [String(row.id), row.at, row.kioskId, String(row.seq), row.event, row.username ?? '', row.nameKey ?? '', row.outcome, row.actor ?? '', row.detailText];
  return csvLine(values.map(spreadsheetSafe));
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * The audit records between two moments, oldest first, read a batch at a time and written as they
 * come (a year of records need not fit in memory). Records hold no secrets (audit-trail.ts keeps
 * typed names as pseudonyms and never takes a password or code), and the export adds none.
 */
export async function runAuditExport(args: readonly string[], io: CommandIo & { errors: Writable }): Promise<number> {
  const flags = parseFlags(args, ['config', 'since', 'until', 'format', 'out']);
  const clock = io.clock ?? systemClock;
  const now = clock.now();
  const sinceText = flags.get('since');
  if (sinceText === undefined) throw new UsageError('--since WHEN is required, e.g. --since 7d or --since 2026-11-01');
  const since = parseWhen('since', sinceText, now);
  const untilText = flags.get('until');
  const until = untilText === undefined ? now : parseWhen('until', untilText, now);
  if (since.getTime() >= until.getTime()) throw new UsageError(`--since (${since.toISOString()}) must be before --until (${until.toISOString()})`);
  const format = flags.get('format');
  if (format === undefined || !exportFormats.includes(format as ExportFormat)) throw new UsageError(`--format must be csv or jsonl`);
  const out = flags.get('out');
  const deployment = await openDeployment(flags.get('config'), io.env, clock);
  let file: Writable | null = null;
  try {
    // 'wx': an earlier export is never overwritten; 0600: the records name people.
    file = out === undefined ? null : createWriteStream(out, { flags: 'wx', mode: 0o600 });
    if (file !== null) {
      await once(file, 'open').catch((error: unknown) => {
        throw describeOpenError(out!, error);
      });
    }
    const target = file ?? io.output;
    if (format === 'csv') await write(target, csvLine(exportColumns));
    let exported = 0;
    for (let afterId = 0; ; ) {
      const batch = await deployment.store.read((db) => auditRows.between(db, since.toISOString(), untilText === undefined ? null : until.toISOString(), afterId, batchSize));
      for (const row of batch) await write(target, formatRow(row, format as ExportFormat));
      exported += batch.length;
      if (batch.length < batchSize) break;
      afterId = batch.at(-1)!.id;
    }
    if (file !== null) {
      file.end();
      await once(file, 'finish');
    }
    await deployment.store.run((tx) =>
      deployment.audit.record(tx, {
        event: 'audit.exported',
        outcome: 'ok',
        actor: 'admin',
        detail: { records: exported, format, since: since.toISOString(), until: untilText === undefined ? null : until.toISOString() },
      }),
    );
    if (out !== undefined) io.output.write(`${JSON.stringify({ exported, file: out })}\n`);
    else io.errors.write(`Exported ${exported} record(s).\n`);
    return 0;
  } finally {
    if (file !== null && !file.writableFinished) file.destroy();
    await deployment.close();
  }
}

function describeOpenError(file: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return new Error(`${file} already exists: an export never overwrites a file (choose another --out)`);
  if (code === 'ENOENT') return new Error(`${file} cannot be created: its folder does not exist`);
  return new Error(`${file} cannot be created (${code ?? 'error'})`);
}
