import path from 'node:path';
import { accountRows } from '../../electron/core/store/accounts.js';
import { openSqliteStore } from '../../electron/core/store/open-sqlite-store.js';
import type { Store } from '../../electron/core/store/store.js';

/** A freshly migrated SQLite store in `dataDir`, for tests of one store or service at a time. */
export function openTestStore(dataDir: string, name = 'kiosk.db'): Promise<Store> {
  return openSqliteStore(path.join(dataDir, name), { now: () => '2026-03-02T08:00:00.000Z' });
}

/** Inserts an account row directly (the hash need not be real unless the test verifies passwords). */
export function insertTestAccount(
  store: Store,
  username: string,
  extra: { status?: 'active' | 'disabled'; passwordHash?: string; lockedAt?: string | null } = {},
): Promise<number> {
  return store.run((tx) =>
    accountRows.insert(tx, {
      username,
      firstName: 'Test',
      lastName: 'Person',
      passwordHash: extra.passwordHash ?? '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA',
      passwordChangedAt: '2026-01-01T00:00:00.000Z',
      status: extra.status ?? 'active',
      lockedAt: extra.lockedAt ?? null,
    }),
  );
}
