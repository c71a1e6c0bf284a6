import path from 'node:path';
import { openDatabase, type Db } from '../../electron/core/store/database.js';
import { createAccountStore } from '../../electron/core/store/accounts.js';

/** A freshly migrated SQLite file in `dataDir`, for tests of one store or service at a time. */
export function openTestDatabase(dataDir: string, name = 'kiosk.db'): Db {
  return openDatabase(path.join(dataDir, name), { now: () => '2026-03-02T08:00:00.000Z' });
}

/** Inserts an account row directly (the hash need not be real unless the test verifies passwords). */
export function insertTestAccount(
  db: Db,
  username: string,
  extra: { status?: 'active' | 'disabled'; passwordHash?: string; lockedAt?: string | null } = {},
): number {
  return createAccountStore(db).insert({
    username,
    firstName: 'Test',
    lastName: 'Person',
    passwordHash: extra.passwordHash ?? '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA',
    passwordChangedAt: '2026-01-01T00:00:00.000Z',
    status: extra.status ?? 'active',
    lockedAt: extra.lockedAt ?? null,
  });
}
