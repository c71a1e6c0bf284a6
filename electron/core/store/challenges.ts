import type { Purpose, VerificationMethod } from '../../../shared/flow/stages.js';
import type { Db } from './database.js';

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

interface Row {
  id: string;
  account_id: number | null;
  username_key: string;
  purpose: Purpose;
  method: VerificationMethod;
  code_hash: string;
  created_at: string;
  expires_at: string;
  failed_tries: number;
  max_tries: number;
  consumed_at: string | null;
}

/** Issued one-time codes (as keyed hashes only) and how they have been used. */
export function createChallengeStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO challenges (id, account_id, username_key, purpose, method, code_hash, created_at, expires_at, failed_tries, max_tries)
     VALUES (@id, @accountId, @usernameKey, @purpose, @method, @codeHash, @createdAt, @expiresAt, 0, @maxTries)`,
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM challenges WHERE id = ?');
  const addFailure = db.prepare('UPDATE challenges SET failed_tries = failed_tries + 1 WHERE id = ?');
  const consume = db.prepare('UPDATE challenges SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL');
  const consumeOpen = db.prepare(
    'UPDATE challenges SET consumed_at = ? WHERE username_key = ? AND purpose = ? AND consumed_at IS NULL',
  );

  return {
    insert(challenge: Omit<ChallengeRow, 'failedTries' | 'consumedAt'>): void {
      insert.run(challenge);
    },
    find(id: string): ChallengeRow | null {
      const row = byId.get(id);
      if (row === undefined) return null;
      return {
        id: row.id,
        accountId: row.account_id,
        usernameKey: row.username_key,
        purpose: row.purpose,
        method: row.method,
        codeHash: row.code_hash,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        failedTries: row.failed_tries,
        maxTries: row.max_tries,
        consumedAt: row.consumed_at,
      };
    },
    recordFailure(id: string): void {
      addFailure.run(id);
    },
    consume(id: string, at: string): void {
      consume.run(at, id);
    },
    /** A new code replaces every open one for the same person and purpose. */
    retireOpen(usernameKey: string, purpose: Purpose, at: string): void {
      consumeOpen.run(at, usernameKey, purpose);
    },
  };
}

export type ChallengeStore = ReturnType<typeof createChallengeStore>;
