import path from 'node:path';
import { accountRows } from '../../electron/core/store/accounts.js';
import { openPostgresStore } from '../../electron/core/store/open-postgres-store.js';
import { openSqliteStore } from '../../electron/core/store/open-sqlite-store.js';
import type { Store } from '../../electron/core/store/store.js';
import type { Backend } from './backends.js';
import { freshPostgresDatabase } from './file-postgres.js';

const migratedAt = () => '2026-03-02T08:00:00.000Z';

/**
 * A freshly migrated store, for tests of one store or service at a time: a SQLite file in `dataDir`,
 * or a new database on the test file's PostgreSQL cluster (see backends.ts).
 */
export async function openTestStore(dataDir: string, backend: Backend = 'sqlite'): Promise<Store> {
  if (backend === 'sqlite') return openSqliteStore(path.join(dataDir, 'kiosk.db'), { now: migratedAt });
  const { store, env } = await freshPostgresDatabase('store');
  return openPostgresStore(store, { env, now: migratedAt });
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
