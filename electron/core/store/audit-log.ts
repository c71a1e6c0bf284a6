import type { AuditEntry, AuditLog, Clock } from '../ports.js';
import type { Db } from './database.js';

export interface AuditRow {
  id: number;
  at: string;
  kioskId: string;
  event: string;
  username: string | null;
  outcome: AuditEntry['outcome'];
  actor: string | null;
  detail: Record<string, unknown>;
}

/**
 * Append-only audit trail. Callers pass only non-secret fields (the AuditEntry type has no slot for a
 * password, code or hash); this store adds the time and the kiosk.
 */
export function createSqliteAuditLog(db: Db, clock: Clock, kioskId: string): AuditLog & { recent(limit: number): AuditRow[] } {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, kiosk_id, event, username, outcome, actor, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const latest = db.prepare<
    [number],
    { id: number; at: string; kiosk_id: string; event: string; username: string | null; outcome: AuditEntry['outcome']; actor: string | null; detail: string }
  >('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');

  return {
    record(entry) {
      insert.run(
        clock.now().toISOString(),
        kioskId,
        entry.event,
        entry.username,
        entry.outcome,
        entry.actor ?? null,
        JSON.stringify(entry.detail ?? {}),
      );
    },
    recent(limit) {
      return latest.all(limit).map((row) => ({
        id: row.id,
        at: row.at,
        kioskId: row.kiosk_id,
        event: row.event,
        username: row.username,
        outcome: row.outcome,
        actor: row.actor,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      }));
    },
  };
}
