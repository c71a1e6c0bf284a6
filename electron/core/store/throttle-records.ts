import type { Db } from './database.js';

/** Raw throttle bookkeeping: timestamped events per (scope, subject) and the blocks they caused. */
export function createThrottleRecords(db: Db) {
  const insertEvent = db.prepare('INSERT INTO throttle_events (scope, subject, at) VALUES (?, ?, ?)');
  const countSince = db.prepare<[string, string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM throttle_events WHERE scope = ? AND subject = ? AND at > ?',
  );
  const deleteEvent = db.prepare('DELETE FROM throttle_events WHERE id = ?');
  const deleteEvents = db.prepare('DELETE FROM throttle_events WHERE scope = ? AND subject = ?');
  const blockOf = db.prepare<[string, string], { blocked_until: string }>(
    'SELECT blocked_until FROM throttle_blocks WHERE scope = ? AND subject = ?',
  );
  const upsertBlock = db.prepare(
    `INSERT INTO throttle_blocks (scope, subject, blocked_at, blocked_until, cause_event_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (scope, subject) DO UPDATE SET blocked_at = excluded.blocked_at,
       blocked_until = excluded.blocked_until, cause_event_id = excluded.cause_event_id`,
  );
  const deleteBlockCausedBy = db.prepare('DELETE FROM throttle_blocks WHERE cause_event_id = ?');
  const deleteBlock = db.prepare('DELETE FROM throttle_blocks WHERE scope = ? AND subject = ?');

  return {
    addEvent(scope: string, subject: string, at: string): number {
      return Number(insertEvent.run(scope, subject, at).lastInsertRowid);
    },
    countAfter(scope: string, subject: string, after: string): number {
      return countSince.get(scope, subject, after)?.n ?? 0;
    },
    /** Removes one event and any block it triggered (a send that failed must not count). */
    forgetEvent(eventId: number): void {
      deleteBlockCausedBy.run(eventId);
      deleteEvent.run(eventId);
    },
    blockedUntil(scope: string, subject: string): string | null {
      return blockOf.get(scope, subject)?.blocked_until ?? null;
    },
    block(scope: string, subject: string, at: string, until: string, causeEventId: number): void {
      upsertBlock.run(scope, subject, at, until, causeEventId);
    },
    clear(scope: string, subject: string): void {
      deleteEvents.run(scope, subject);
      deleteBlock.run(scope, subject);
    },
  };
}

export type ThrottleRecords = ReturnType<typeof createThrottleRecords>;
