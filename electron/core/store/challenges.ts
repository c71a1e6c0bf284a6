import type { CodePurpose, VerificationMethod } from '../../../shared/flow/stages.js';
import type { Tx } from './store.js';

/** What a code proves: identity for reset or unlock, or (registration) that a new email or mobile is the person's. */
export type ChallengePurpose = CodePurpose | 'register';
type Purpose = ChallengePurpose;

export interface ChallengeRow {
  id: string;
  accountId: number | null;
  usernameKey: string;
  purpose: Purpose;
  method: VerificationMethod;
  codeHash: string;
  createdAt: string;
  expiresAt: string;
  failedTries: number;
  maxTries: number;
  consumedAt: string | null;
}

/** Issued one-time codes (as keyed hashes only) and how they have been used. */
export const challengeRows = {
  async insert(tx: Tx, challenge: Omit<ChallengeRow, 'failedTries' | 'consumedAt'>): Promise<void> {
    await tx
      .insertInto('challenges')
      .values({
        id: challenge.id,
        account_id: challenge.accountId,
        username_key: challenge.usernameKey,
        purpose: challenge.purpose,
        method: challenge.method,
        code_hash: challenge.codeHash,
        created_at: challenge.createdAt,
        expires_at: challenge.expiresAt,
        failed_tries: 0,
        max_tries: challenge.maxTries,
      })
      .execute();
  },

  async find(tx: Tx, id: string): Promise<ChallengeRow | null> {
    const row = await tx.selectFrom('challenges').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return null;
    return {
      id: row.id,
      accountId: row.account_id === null ? null : Number(row.account_id),
      usernameKey: row.username_key,
      purpose: row.purpose as Purpose,
      method: row.method as VerificationMethod,
      codeHash: row.code_hash,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      failedTries: Number(row.failed_tries),
      maxTries: Number(row.max_tries),
      consumedAt: row.consumed_at,
    };
  },

  async recordFailure(tx: Tx, id: string): Promise<void> {
    await tx
      .updateTable('challenges')
      .set((eb) => ({ failed_tries: eb('failed_tries', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },

  /** True when this call consumed it; false when it already was (a code works once, even across kiosks). */
  async consume(tx: Tx, id: string, at: string): Promise<boolean> {
    const result = await tx.updateTable('challenges').set({ consumed_at: at }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** A new code replaces every open one for the same person and purpose. */
  async retireOpen(tx: Tx, usernameKey: string, purpose: Purpose, at: string): Promise<void> {
    await tx
      .updateTable('challenges')
      .set({ consumed_at: at })
      .where('username_key', '=', usernameKey)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .execute();
  },

  /** Ties a challenge to the account the background delivery found behind the typed name. */
  async bindAccount(tx: Tx, id: string, accountId: number): Promise<void> {
    await tx.updateTable('challenges').set({ account_id: accountId }).where('id', '=', id).where('account_id', 'is', null).execute();
  },

  /** Deletes up to `limit` challenges that expired before `before`; returns how many. */
  async pruneExpired(tx: Tx, before: string, limit: number): Promise<number> {
    const ids = tx.selectFrom('challenges').select('id').where('expires_at', '<', before).limit(limit);
    const result = await tx.deleteFrom('challenges').where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
