import { sql } from 'kysely';
import type { Tx } from '../store/store.js';
import type { StoreDialect } from '../store/dialect.js';
import { demoAccounts } from './demo-accounts.js';

/**
 * Every table a demo session can write to, children before the tables they point at. Left alone:
 * schema_migrations (the schema stays) and key_checks (the deployment key stays, unless the caller
 * replaces it).
 */
export const demoStateTables = [
  'history_derivations',
  'history_salts',
  'password_history',
  'contact_methods',
  'challenges',
  'authenticators',
  'help_tickets',
  'outbox',
  'password_changes',
  'technicians',
  'throttle_events',
  'throttle_blocks',
  'audit_log',
  'audit_chain_heads',
  'audit_anchors',
  'accounts',
] as const;

/**
 * Empties the demo's tables inside the caller's transaction, so the seed that follows finds the
 * database as a first start would (numbering included: ids start again at 1).
 */
export async function clearDemoTables(tx: Tx, dialect: StoreDialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`truncate table ${sql.join(demoStateTables.map((name) => sql.table(name)))} restart identity`.execute(tx);
    return;
  }
  // SQLite's ids are rowids (no AUTOINCREMENT): an emptied table numbers from 1 again by itself.
  for (const name of demoStateTables) await sql`delete from ${sql.table(name)}`.execute(tx);
}

/** Accounts that are not demo people: a "demo" configuration pointed at a real database must not wipe it. */
export async function foreignAccountCount(tx: Tx): Promise<number> {
  const names = new Set(demoAccounts.map((account) => account.username));
  const rows = await tx.selectFrom('accounts').select('username').execute();
  return rows.filter((row) => !names.has(row.username)).length;
}
