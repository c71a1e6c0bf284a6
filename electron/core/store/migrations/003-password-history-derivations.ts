import { sql } from 'kysely';
import { schemaHelpers, type AnyDb, type StoreDialect } from '../dialect.js';

/**
 * The kiosk's own password history, so the reuse check costs one argon2 computation whatever the
 * length of a person's history: a random salt per account, and per password the account was given
 * argon2id(password, that salt) with the parameters it was made with (see history/password-history.ts).
 * Existing accounts get nothing here: their salt is made at their next change, and the hashes they
 * already have stay verifiable the old way (no derivation is linked to them).
 */
export async function passwordHistoryDerivations(db: AnyDb, dialect: StoreDialect): Promise<void> {
  const { id, finish } = schemaHelpers(dialect);

  await finish(
    db.schema
      .createTable('history_salts')
      .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('salt', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
  ).execute();

  await finish(
    db.schema
      .createTable('history_derivations')
      .addColumn('id', 'integer', id)
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('derivation', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      // A pending entry's change is never pruned (only finished ones are); a kept one outlives it.
      .addColumn('change_id', 'integer', (c) => c.references('password_changes.id').onDelete('set null'))
      .addColumn('stored_hash', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('history_derivations_state', sql`state in ('pending', 'kept')`),
  ).execute();
  await db.schema.createIndex('history_derivations_by_account').on('history_derivations').columns(['account_id', 'id']).execute();
  await db.schema.createIndex('history_derivations_by_change').on('history_derivations').column('change_id').execute();
}
