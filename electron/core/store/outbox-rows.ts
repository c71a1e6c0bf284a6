import { sql } from 'kysely';
import type { Language } from '../../../shared/i18n/languages.js';
import type { OutboxTable } from './database-schema.js';
import type { Tx } from './store.js';

export interface OutboxMessage {
  id: number;
  kind: string;
  channel: OutboxTable['channel'];
  recipient: string;
  payload: string;
  /** As stored: a language code, or null for a row queued before languages were kept. */
  language: string | null;
  createdAt: string;
  attempts: number;
}

export interface NewOutboxMessage {
  kind: string;
  channel: OutboxTable['channel'];
  recipient: string;
  payload: string;
  language: Language;
}

/**
 * Notifications waiting to be sent. A kiosk claims due messages for a short lease before sending,
 * so two kiosks on one database never send the same message, and a kiosk that dies mid-send only
 * delays it until the lease runs out.
 */
export const outboxRows = {
  async add(tx: Tx, message: NewOutboxMessage, at: string): Promise<number> {
    const row = await tx
      .insertInto('outbox')
      .values({ ...message, created_at: at, next_attempt_at: at, attempts: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },

  /** Claims up to `limit` due messages for `kioskId` until `leaseUntil`; returns them. */
  async claimDue(tx: Tx, kioskId: string, now: string, leaseUntil: string, limit: number): Promise<OutboxMessage[]> {
    const due = await tx
      .selectFrom('outbox')
      .select(['id'])
      .where('sent_at', 'is', null)
      .where('gave_up_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    if (due.length === 0) return [];
    const ids = due.map((row) => Number(row.id));
    await tx.updateTable('outbox').set({ claimed_by: kioskId, claimed_until: leaseUntil }).where('id', 'in', ids).execute();
    const rows = await tx
      .selectFrom('outbox')
      .select(['id', 'kind', 'channel', 'recipient', 'payload', 'language', 'created_at', 'attempts'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      channel: row.channel,
      recipient: row.recipient,
      payload: row.payload,
      language: row.language,
      createdAt: row.created_at,
      attempts: Number(row.attempts),
    }));
  },

  async markSent(tx: Tx, id: number, at: string): Promise<void> {
    await tx
      .updateTable('outbox')
      .set((eb) => ({ sent_at: at, attempts: eb('attempts', '+', 1), claimed_by: null, claimed_until: null, last_error: null }))
      .where('id', '=', id)
      .execute();
  },

  async markFailed(tx: Tx, id: number, error: string, nextAttemptAt: string): Promise<void> {
    await tx
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptAt, claimed_by: null, claimed_until: null, last_error: error }))
      .where('id', '=', id)
      .execute();
  },

  async markGivenUp(tx: Tx, id: number, error: string, at: string): Promise<void> {
    await tx
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), gave_up_at: at, claimed_by: null, claimed_until: null, last_error: error }))
      .where('id', '=', id)
      .execute();
  },

  /** Gives a claimed message back untouched (the channel is down; nothing was tried). */
  async release(tx: Tx, id: number, nextAttemptAt: string): Promise<void> {
    await tx.updateTable('outbox').set({ claimed_by: null, claimed_until: null, next_attempt_at: nextAttemptAt }).where('id', '=', id).execute();
  },

  async pending(tx: Tx): Promise<number> {
    const row = await tx
      .selectFrom('outbox')
      .select(sql<number>`count(*)`.as('n'))
      .where('sent_at', 'is', null)
      .where('gave_up_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Deletes up to `limit` finished messages (sent or given up) older than `before`. */
  async pruneFinished(tx: Tx, before: string, limit: number): Promise<number> {
    const ids = tx
      .selectFrom('outbox')
      .select('id')
      .where((eb) => eb.or([eb('sent_at', '<', before), eb('gave_up_at', '<', before)]))
      .limit(limit);
    const result = await tx.deleteFrom('outbox').where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
