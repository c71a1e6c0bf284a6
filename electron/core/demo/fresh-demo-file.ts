import { existsSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { demoAccounts } from './demo-accounts.js';

/**
 * Demo mode recreates its database on every start. A config that says `demo: true` but points at a
 * real database must not wipe it, so an existing file is removed only when every account in it is a
 * demo person (or it has no accounts at all).
 */
export function removeDemoDatabaseFile(file: string, nativeBinding?: string): void {
  if (file === ':memory:' || !existsSync(file)) return;
  const foreign = foreignAccountCount(file, nativeBinding);
  if (foreign > 0) {
    throw new Error(
      `Demo mode recreates its database on every start, but ${file} holds ${foreign} account(s) that are not demo accounts. ` +
        'Point store.path at another file, or turn demo mode off.',
    );
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

function foreignAccountCount(file: string, nativeBinding: string | undefined): number {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
  } catch {
    throw new Error(`Demo mode recreates its database on every start, but ${file} is not a database it can read; not removing it.`);
  }
  try {
    const hasAccounts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'accounts'").get() !== undefined;
    if (!hasAccounts) return 0;
    const names = new Set(demoAccounts.map((account) => account.username));
    const usernames = db.prepare<[], { username: string }>('SELECT username FROM accounts').all();
    return usernames.filter((row) => !names.has(row.username)).length;
  } catch {
    throw new Error(`Demo mode recreates its database on every start, but ${file} is not a database it can read; not removing it.`);
  } finally {
    db.close();
  }
}
