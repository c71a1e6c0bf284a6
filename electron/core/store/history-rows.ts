import type { Generated } from 'kysely';
import type { Tx } from './store.js';

/**
 * The kiosk's own password history (migration 003), apart from the directory's: one random salt per
 * account and, per password the account was given, argon2id(password, that salt). Kept by the kiosk
 * so the reuse check works the same for a directory that hands out no hashes (LDAP / AD).
 */
export interface HistorySaltsTable {
  account_id: number;
  /** hex, 16 random bytes. */
  salt: string;
  created_at: string;
}

export interface HistoryDerivationsTable {
  id: Generated<number>;
  account_id: number;
  /** hex of the raw argon2id output: as secret as a password hash, and never shown, logged or audited. */
  derivation: string;
  /** The argon2 parameters it was made with (history/history-derivation.ts `paramsTag`). */
  params: string;
  /** 'pending' while the password change it belongs to may or may not have happened; 'kept' after. */
  state: 'pending' | 'kept';
  /** The password change (password_changes.id) that wrote it; null for seeded entries and pruned changes. */
  change_id: number | null;
  /** `storedHashName` of the directory hash this entry is known to stand for; null when not known. */
  stored_hash: string | null;
  created_at: string;
}

// A type, not an interface: withTables wants an index signature.
export type HistoryTables = {
  history_salts: HistorySaltsTable;
  history_derivations: HistoryDerivationsTable;
};

/** The shared typed schema does not list these tables: they belong to the history service alone. */
const withHistory = (tx: Tx) => tx.withTables<HistoryTables>();

export interface HistoryEntryRow {
  id: number;
  derivation: string;
  params: string;
  state: 'pending' | 'kept';
  storedHash: string | null;
}

export interface NewHistoryEntry {
  accountId: number;
  derivation: string;
  params: string;
  state: 'pending' | 'kept';
  changeId: number | null;
  storedHash: string | null;
  createdAt: string;
}

export const historySaltRows = {
  async find(tx: Tx, accountId: number): Promise<string | null> {
    const row = await withHistory(tx).selectFrom('history_salts').select('salt').where('account_id', '=', accountId).executeTakeFirst();
    return row?.salt ?? null;
  },

  /** Stores `salt` unless the account already has one (another kiosk was first); returns the one that counts. */
  async create(tx: Tx, accountId: number, salt: string, at: string): Promise<string> {
    const db = withHistory(tx);
    await db
      .insertInto('history_salts')
      .values({ account_id: accountId, salt, created_at: at })
      .onConflict((conflict) => conflict.column('account_id').doNothing())
      .execute();
    const row = await db.selectFrom('history_salts').select('salt').where('account_id', '=', accountId).executeTakeFirstOrThrow();
    return row.salt;
  },
};

export const historyDerivationRows = {
  async add(tx: Tx, entry: NewHistoryEntry): Promise<void> {
    await withHistory(tx)
      .insertInto('history_derivations')
      .values({
        account_id: entry.accountId,
        derivation: entry.derivation,
        params: entry.params,
        state: entry.state,
        change_id: entry.changeId,
        stored_hash: entry.storedHash,
        created_at: entry.createdAt,
      })
      .execute();
  },

  /** Every entry of one account, newest first. */
  async ofAccount(tx: Tx, accountId: number): Promise<HistoryEntryRow[]> {
    const rows = await withHistory(tx)
      .selectFrom('history_derivations')
      .select(['id', 'derivation', 'params', 'state', 'stored_hash'])
      .where('account_id', '=', accountId)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({ id: Number(row.id), derivation: row.derivation, params: row.params, state: row.state, storedHash: row.stored_hash }));
  },

  /** The entry of a change that happened (or may have): history for good, linked to its stored hash when known. */
  async keep(tx: Tx, changeId: number, storedHash: string | null): Promise<void> {
    let update = withHistory(tx).updateTable('history_derivations').set({ state: 'kept' });
    if (storedHash !== null) update = update.set({ stored_hash: storedHash });
    await update.where('change_id', '=', changeId).execute();
  },

  /** The entry of a change known not to have happened. */
  async dropPending(tx: Tx, changeId: number): Promise<number> {
    const result = await withHistory(tx).deleteFrom('history_derivations').where('change_id', '=', changeId).where('state', '=', 'pending').executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
