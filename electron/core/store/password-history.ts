import type { Db } from './database.js';

/** Earlier password hashes, kept so a password used before is never accepted again. */
export function createPasswordHistoryStore(db: Db) {
  const insert = db.prepare('INSERT INTO password_history (account_id, password_hash, set_at, retired_at) VALUES (?, ?, ?, ?)');
  const newestFirst = db.prepare<[number], { password_hash: string }>(
    'SELECT password_hash FROM password_history WHERE account_id = ? ORDER BY id DESC',
  );
  const newestFirstLimited = db.prepare<[number, number], { password_hash: string }>(
    'SELECT password_hash FROM password_history WHERE account_id = ? ORDER BY id DESC LIMIT ?',
  );

  return {
    add(accountId: number, passwordHash: string, setAt: string, retiredAt: string): void {
      insert.run(accountId, passwordHash, setAt, retiredAt);
    },
    hashes(accountId: number, limit: number | 'all'): string[] {
      const rows = limit === 'all' ? newestFirst.all(accountId) : newestFirstLimited.all(accountId, limit);
      return rows.map((row) => row.password_hash);
    },
  };
}

export type PasswordHistoryStore = ReturnType<typeof createPasswordHistoryStore>;
