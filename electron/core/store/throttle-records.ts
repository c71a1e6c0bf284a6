import { sql } from 'kysely';
import type { Tx } from './store.js';

/** Raw throttle bookkeeping: timestamped events per (scope, subject) and the blocks they caused. */
export const throttleRows = {
  async addEvent(tx: Tx, scope: string, subject: string, at: string): Promise<number> {
    const row = await tx.insertInto('throttle_events').values({ scope, subject, at }).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  },

  /** How many events fall after `after`, and the oldest and newest of them (for waits). */
  async windowAfter(tx: Tx, scope: string, subject: string, after: string): Promise<{ count: number; oldest: string | null; newest: string | null }> {
    const row = await tx
      .selectFrom('throttle_events')
      .select([sql<number>`count(*)`.as('count'), sql<string | null>`min(at)`.as('oldest'), sql<string | null>`max(at)`.as('newest')])
      .where('scope', '=', scope)
      .where('subject', '=', subject)
      .where('at', '>', after)
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), oldest: row.oldest, newest: row.newest };
  },

  /** The at of the n-th newest event in the window (1 = newest): when the window next frees a slot. */
  async nthNewestAfter(tx: Tx, scope: string, subject: string, after: string, n: number): Promise<string | null> {
    const row = await tx
      .selectFrom('throttle_events')
      .select('at')
      .where('scope', '=', scope)
      .where('subject', '=', subject)
      .where('at', '>', after)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .offset(n - 1)
      .limit(1)
      .executeTakeFirst();
    return row?.at ?? null;
  },

  /** Removes one event and any block it triggered (a request nobody could be sent must not count). */
  async forgetEvent(tx: Tx, eventId: number): Promise<void> {
    await tx.deleteFrom('throttle_blocks').where('cause_event_id', '=', eventId).execute();
    await tx.deleteFrom('throttle_events').where('id', '=', eventId).execute();
  },

  async blockOf(tx: Tx, scope: string, subject: string): Promise<{ blockedAt: string; blockedUntil: string } | null> {
    const row = await tx
      .selectFrom('throttle_blocks')
      .select(['blocked_at', 'blocked_until'])
      .where('scope', '=', scope)
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row === undefined ? null : { blockedAt: row.blocked_at, blockedUntil: row.blocked_until };
  },

  async block(tx: Tx, scope: string, subject: string, at: string, until: string, causeEventId: number): Promise<void> {
    await tx
      .insertInto('throttle_blocks')
      .values({ scope, subject, blocked_at: at, blocked_until: until, cause_event_id: causeEventId })
      .onConflict((conflict) =>
        conflict.columns(['scope', 'subject']).doUpdateSet({ blocked_at: at, blocked_until: until, cause_event_id: causeEventId }),
      )
      .execute();
  },

  async clear(tx: Tx, scope: string, subject: string): Promise<void> {
    await tx.deleteFrom('throttle_events').where('scope', '=', scope).where('subject', '=', subject).execute();
    await tx.deleteFrom('throttle_blocks').where('scope', '=', scope).where('subject', '=', subject).execute();
  },

  /** Deletes up to `limit` events older than `before` (no rule looks back that far); returns how many. */
  async pruneEvents(tx: Tx, before: string, limit: number): Promise<number> {
    const ids = tx.selectFrom('throttle_events').select('id').where('at', '<', before).limit(limit);
    const result = await tx.deleteFrom('throttle_events').where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Deletes blocks that ended before `before`; returns how many. */
  async pruneBlocks(tx: Tx, before: string): Promise<number> {
    const result = await tx.deleteFrom('throttle_blocks').where('blocked_until', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
