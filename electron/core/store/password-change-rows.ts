import type { PasswordChangesTable } from './database-schema.js';
import type { Tx } from './store.js';

export interface PasswordChangeIntent {
  id: number;
  accountId: number;
  username: string;
  nameKey: string;
  kioskId: string;
  purpose: string;
  state: PasswordChangesTable['state'];
  startedAt: string;
  wasLocked: boolean;
}

export type NewIntent = Omit<PasswordChangeIntent, 'id' | 'state'>;

/**
 * The write-ahead record of a password change: written before the directory is asked, finished
 * after its bookkeeping, so a change that happened is never left without its audit row and notice.
 */
export const passwordChangeRows = {
  async start(tx: Tx, intent: NewIntent): Promise<number> {
    const row = await tx
      .insertInto('password_changes')
      .values({
        account_id: intent.accountId,
        username: intent.username,
        name_key: intent.nameKey,
        kiosk_id: intent.kioskId,
        purpose: intent.purpose,
        state: 'pending',
        started_at: intent.startedAt,
        finished_at: null,
        was_locked: intent.wasLocked ? 1 : 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },

  /** Moves a pending intent to its end state; false when it was no longer pending (someone else finished it). */
  async finish(tx: Tx, id: number, state: 'completed' | 'abandoned', at: string): Promise<boolean> {
    const result = await tx
      .updateTable('password_changes')
      .set({ state, finished_at: at })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Pending intents started at or before `startedBefore`, optionally of one kiosk only. */
  async pending(tx: Tx, startedBefore: string, kioskId?: string): Promise<PasswordChangeIntent[]> {
    let query = tx.selectFrom('password_changes').selectAll().where('state', '=', 'pending').where('started_at', '<=', startedBefore);
    if (kioskId !== undefined) query = query.where('kiosk_id', '=', kioskId);
    const rows = await query.orderBy('id').execute();
    return rows.map((row) => ({
      id: Number(row.id),
      accountId: Number(row.account_id),
      username: row.username,
      nameKey: row.name_key,
      kioskId: row.kiosk_id,
      purpose: row.purpose,
      state: row.state,
      startedAt: row.started_at,
      wasLocked: Number(row.was_locked) === 1,
    }));
  },

  /** Whether a later change of the same account already completed (so an older pending one is moot). */
  async completedAfter(tx: Tx, accountId: number, startedAt: string): Promise<boolean> {
    const row = await tx
      .selectFrom('password_changes')
      .select('id')
      .where('account_id', '=', accountId)
      .where('state', '=', 'completed')
      .where('started_at', '>', startedAt)
      .executeTakeFirst();
    return row !== undefined;
  },

  async pruneFinished(tx: Tx, before: string, limit: number): Promise<number> {
    const ids = tx.selectFrom('password_changes').select('id').where('state', '!=', 'pending').where('finished_at', '<', before).limit(limit);
    const result = await tx.deleteFrom('password_changes').where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
