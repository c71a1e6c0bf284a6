import type { Db } from './database.js';
import type { Migration } from './migrations.js';

export interface MigrationReport {
  /** Versions applied by this call, oldest first (empty when the file was already current). */
  applied: number[];
  version: number;
}

/**
 * Applies, in order, every migration newer than the file's recorded version, each in its own
 * transaction together with its schema_migrations row: a failing step leaves the file at the last
 * good version instead of half-migrated.
 */
export function applyMigrations(db: Db, list: readonly Migration[], now: () => string): MigrationReport {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  assertAscending(list);
  const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations').get() as { version: number })
    .version;
  const known = list.at(-1)?.version ?? 0;
  if (current > known) {
    throw new Error(`Database schema version ${current} is newer than this kiosk understands (${known}).`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now());
    })();
    applied.push(migration.version);
  }
  return { applied, version: Math.max(current, known) };
}

function assertAscending(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    const previous = index === 0 ? 0 : list[index - 1]!.version;
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`Migration versions must be whole numbers in ascending order (at "${migration.name}").`);
    }
  });
}
