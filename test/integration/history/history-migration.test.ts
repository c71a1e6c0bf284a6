import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { createPasswordHistory } from '../../../electron/core/history/password-history.js';
import { migrations, type Migration } from '../../../electron/core/store/migrations/index.js';
import { openPostgresStoreWithReport } from '../../../electron/core/store/open-postgres-store.js';
import { openSqliteStoreWithReport } from '../../../electron/core/store/open-sqlite-store.js';
import type { Store } from '../../../electron/core/store/store.js';
import { describeEachBackend, type Backend } from '../../support/backends.js';
import { insertTestAccount } from '../../support/core-store.js';
import { rowsOf } from '../../support/database-dump.js';
import { freshPostgresDatabase, type TestPostgresDatabase } from '../../support/file-postgres.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';
import { cheapParams } from './history-fixture.js';

const dirs = createTempDirs();
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  dirs.removeAll();
});

const now = () => '2026-03-02T08:00:00.000Z';

/** Opens the same database (a SQLite file, or one PostgreSQL database) with the given migrations. */
function opener(backend: Backend) {
  const file = path.join(dirs.make(), 'kiosk.db');
  let database: TestPostgresDatabase | undefined;
  return async (list: readonly Migration[]) => {
    const opened =
      backend === 'sqlite'
        ? await openSqliteStoreWithReport(file, { now, migrations: list })
        : await openPostgresStoreWithReport((database ??= await freshPostgresDatabase('history')).store, { env: database.env, now, migrations: list });
    stores.push(opened.store);
    return opened;
  };
}

describeEachBackend('migration 3 (password history derivations)', (backend) => {
  it('upgrades a version 2 database in place: its people keep their hashes, still refused, until their next change', async () => {
    const open = opener(backend);
    const clock = createTestClock();
    const hasher = createArgon2Hasher(cheapParams);
    const old = await open(migrations.slice(0, 2));
    expect(old.migrations.version).toBe(2);
    const id = await insertTestAccount(old.store, 'old.timer', { passwordHash: await hasher.hash('Legacy0Pass0word') });
    await createStoreDirectory(old.store, hasher, clock).setPassword(id, 'Legacy0Pass1word');
    await old.store.close();
    stores.splice(0);

    const upgraded = await open(migrations.slice(0, 3));
    expect(upgraded.migrations).toEqual({ applied: [3], version: 3 });
    const { store } = upgraded;
    expect(await rowsOf(store, 'history_salts')).toEqual([]);
    expect(await rowsOf(store, 'history_derivations')).toEqual([]);
    const directory = createStoreDirectory(store, hasher, clock);
    const history = createPasswordHistory({ store, directory, clock, params: cheapParams, hasher });
    for (const used of ['Legacy0Pass0word', 'Legacy0Pass1word']) expect(await history.isReused(id, used, 'all')).toBe(true);
    expect(await history.isReused(id, 'Zr8cLw3nVt6bQy', 'all')).toBe(false);

    // The tables hold what the repository writes, and the foreign keys hold in both dialects.
    const entry = await history.prepare(id, 'Fresh0Pass2word');
    await store.run((tx) => history.remember(tx, entry, { storedHash: null }));
    expect(await rowsOf(store, 'history_salts')).toHaveLength(1);
    expect(await rowsOf<{ state: string; params: string }>(store, 'history_derivations')).toMatchObject([{ state: 'kept', params: 'argon2id$v=19$m=1024,t=1,p=1' }]);
    await expect(store.run((tx) => history.remember(tx, { ...entry, accountId: 999 }, { storedHash: null }))).rejects.toThrow();
    expect(await history.isReused(id, 'Fresh0Pass2word', 'all')).toBe(true);
  });
});
