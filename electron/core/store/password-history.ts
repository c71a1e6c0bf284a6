import type { Tx } from './store.js';

/** Earlier password hashes, kept so a password used before is never accepted again. */
export const passwordHistoryRows = {
  async add(tx: Tx, accountId: number, passwordHash: string, setAt: string, retiredAt: string): Promise<void> {
    await tx.insertInto('password_history').values({ account_id: accountId, password_hash: passwordHash, set_at: setAt, retired_at: retiredAt }).execute();
  },

  /** Newest first. */
  async hashes(tx: Tx, accountId: number, limit: number | 'all'): Promise<string[]> {
    let query = tx.selectFrom('password_history').select('password_hash').where('account_id', '=', accountId).orderBy('id', 'desc');
    if (limit !== 'all') query = query.limit(limit);
    const rows = await query.execute();
    return rows.map((row) => row.password_hash);
  },
};
