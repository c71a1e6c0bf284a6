import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../ports.js';
import type { Store } from '../store/store.js';
import { toAuditRow, type AuditRow } from './audit-rows.js';

const batchSize = 500;

export interface RetentionResult {
  exported: number;
  file: string | null;
}

/** One JSON object per line, with the seal fields, so an export can be verified on its own. */
export function exportLine(row: AuditRow): string {
  const { detail: _parsed, ...stored } = row;
  return JSON.stringify(stored);
}

/**
 * Audit retention for this kiosk's own chain: records older than the cut-off are appended to a JSON
 * Lines export (flushed to disk) before they are deleted, in small batches so the kiosk stays
 * responsive. The chain continues from an anchor naming the last exported record. A crash between
 * writing and deleting only exports a batch twice; nothing is deleted that is not on disk.
 */
export function createAuditRetention(deps: { store: Store; kioskId: string; clock: Clock; retentionDays: number; exportDir: string }) {
  const { store, kioskId, clock, retentionDays, exportDir } = deps;

  async function oldRows(before: string): Promise<AuditRow[]> {
    const rows = await store.read((db) =>
      db.selectFrom('audit_log').selectAll().where('kiosk_id', '=', kioskId).where('at', '<', before).where('seq', '>', 0).orderBy('seq').limit(batchSize).execute(),
    );
    return rows.map(toAuditRow);
  }

  return {
    async runOnce(): Promise<RetentionResult> {
      if (retentionDays === 0) return { exported: 0, file: null };
      const now = clock.now();
      const before = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
      const file = path.join(exportDir, `audit-${kioskId.replace(/[^A-Za-z0-9._-]/g, '_')}-${now.toISOString().slice(0, 10)}.jsonl`);
      let exported = 0;
      for (;;) {
        const batch = await oldRows(before);
        if (batch.length === 0) break;
        appendDurably(file, batch.map(exportLine).join('\n') + '\n');
        const last = batch.at(-1)!;
        await store.run(async (tx) => {
          await tx.deleteFrom('audit_log').where('id', 'in', batch.map((row) => row.id)).execute();
          await tx
            .insertInto('audit_anchors')
            .values({ kiosk_id: kioskId, seq: last.seq, hash: last.hash, pruned_at: now.toISOString() })
            .onConflict((conflict) => conflict.column('kiosk_id').doUpdateSet({ seq: last.seq, hash: last.hash, pruned_at: now.toISOString() }))
            .execute();
        });
        exported += batch.length;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return { exported, file: exported === 0 ? null : file };
    },
  };
}

function appendDurably(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export type AuditRetention = ReturnType<typeof createAuditRetention>;
