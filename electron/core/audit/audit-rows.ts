import type { AuditLogTable } from '../store/database-schema.js';
import type { Tx } from '../store/store.js';

export interface AuditRow {
  id: number;
  at: string;
  kioskId: string;
  event: string;
  username: string | null;
  nameKey: string | null;
  outcome: AuditLogTable['outcome'];
  actor: string | null;
  detail: Record<string, unknown>;
  /** The detail exactly as stored: the seal covers these characters, not their meaning. */
  detailText: string;
  seq: number;
  prevHash: string;
  hash: string;
}

type Row = Omit<AuditLogTable, 'id'> & { id: number };

export function toAuditRow(row: Row): AuditRow {
  return {
    id: Number(row.id),
    at: row.at,
    kioskId: row.kiosk_id,
    event: row.event,
    username: row.username,
    nameKey: row.name_key,
    outcome: row.outcome,
    actor: row.actor,
    detail: parseDetail(row.detail),
    detailText: row.detail,
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Reading the audit trail (the desk's tools and tests); writing goes through audit-trail.ts only. */
export const auditRows = {
  /** Newest first. */
  async recent(tx: Tx, limit: number): Promise<AuditRow[]> {
    const rows = await tx.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toAuditRow);
  },

  /** Oldest first, from id `afterId` on, for a chain walk or an export in batches. */
  async batch(tx: Tx, afterId: number, limit: number, kioskId?: string): Promise<AuditRow[]> {
    let query = tx.selectFrom('audit_log').selectAll().where('id', '>', afterId);
    if (kioskId !== undefined) query = query.where('kiosk_id', '=', kioskId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map(toAuditRow);
  },

  /** Oldest first: records at or after `since` and before `until` (null: up to now), from id `afterId` on (an export in batches). */
  async between(tx: Tx, since: string, until: string | null, afterId: number, limit: number): Promise<AuditRow[]> {
    let query = tx.selectFrom('audit_log').selectAll().where('at', '>=', since).where('id', '>', afterId);
    if (until !== null) query = query.where('at', '<', until);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map(toAuditRow);
  },

  async byNameKey(tx: Tx, nameKey: string, limit: number): Promise<AuditRow[]> {
    const rows = await tx.selectFrom('audit_log').selectAll().where('name_key', '=', nameKey).orderBy('id').limit(limit).execute();
    return rows.map(toAuditRow);
  },
};

/** A detail that is not JSON any more (someone edited it) still reads as a row, so verify can name it. */
function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { value };
  } catch {
    return { unreadable: true };
  }
}
