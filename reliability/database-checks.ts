import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { verifyAuditChain, type ChainReport } from '../electron/core/audit/verify-audit-chain.js';
import { loadDeploymentKey } from '../electron/core/keys/deployment-key.js';
import { deriveKeys } from '../electron/core/keys/derived-keys.js';
import type { Database } from '../electron/core/store/database-schema.js';
import { cryptoRandom } from '../electron/core/system.js';
import type { TranscriptRecorder } from './figure.js';

/**
 * Looks at a kiosk's SQLite file from outside the kiosk (after a kill, or between faults) through a
 * read-only connection of its own, which never checkpoints or rewrites anything.
 */
export function withDatabaseFile<T>(file: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** 'ok', or SQLite's first complaint. */
export function integrityOf(db: BetterSqlite3.Database): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((row) => row.integrity_check).join('; ');
}

/** Walks the audit chain with the key the kiosk keeps beside its database (`<db>.key`). */
export async function auditChainOf(file: string): Promise<ChainReport> {
  const keys = deriveKeys(loadDeploymentKey({ kind: 'file', path: `${file}.key`, createIfMissing: false }, {}, cryptoRandom));
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file, { readonly: true, fileMustExist: true }) }) });
  try {
    return await verifyAuditChain(db, keys.auditChain);
  } finally {
    await db.destroy();
  }
}

/** Hands the database's audit rows and stored hashes to the secrets scan. */
export function recordDatabase(file: string, recorder: TranscriptRecorder): void {
  if (!existsSync(file)) return;
  withDatabaseFile(file, (db) => {
    for (const row of db.prepare('select * from audit_log order by id').all()) recorder.seen('audit', JSON.stringify(row));
    for (const { hash } of db.prepare('select password_hash as hash from accounts union all select password_hash from password_history').all() as { hash: string }[]) {
      recorder.secret('hash', hash);
    }
    for (const { hash } of db.prepare('select code_hash as hash from challenges').all() as { hash: string }[]) recorder.secret('hash', hash);
  });
}

/** The file's bytes, as a digest: "left untouched" means the same digest before and after. */
export const digestOf = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
