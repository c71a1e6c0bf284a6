import { sql } from 'kysely';
import { schemaHelpers, type AnyDb, type StoreDialect } from '../dialect.js';
import { usernameKeyOf } from '../username-key.js';

/**
 * What the kiosk needs to be correct under faults and across kiosks: a case-insensitive account key
 * that does not depend on the database's collation, challenges keyed by a name pseudonym, a
 * tamper-evident audit chain, a persistent notification outbox, password-change intents, and
 * fingerprints of the deployment key.
 */
export async function durableAndSharedState(db: AnyDb, dialect: StoreDialect): Promise<void> {
  const { id, finish } = schemaHelpers(dialect);

  await db.schema.alterTable('accounts').addColumn('username_key', 'text', (c) => c.notNull().defaultTo('')).execute();
  const accounts = await db.selectFrom('accounts').select(['id', 'username']).execute();
  for (const account of accounts as { id: number; username: string }[]) {
    await db.updateTable('accounts').set({ username_key: usernameKeyOf(account.username) }).where('id', '=', account.id).execute();
  }
  await db.schema.createIndex('accounts_by_username_key').unique().on('accounts').column('username_key').execute();

  // Challenges live ten minutes and held the typed name; the new table keys them by pseudonym and
  // leaves purpose and method to the code (new journeys add purposes without rebuilding a table).
  await db.schema.dropTable('challenges').execute();
  await finish(
    db.schema
      .createTable('challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'integer', (c) => c.references('accounts.id').onDelete('cascade'))
      .addColumn('username_key', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('failed_tries', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_tries', 'integer', (c) => c.notNull())
      .addColumn('consumed_at', 'text'),
  ).execute();
  await db.schema
    .createIndex('challenges_open_by_username')
    .on('challenges')
    .columns(['username_key', 'purpose'])
    .where(sql.ref('consumed_at'), 'is', null)
    .execute();
  await db.schema.createIndex('challenges_by_expiry').on('challenges').column('expires_at').execute();
  await db.schema.createIndex('throttle_events_by_time').on('throttle_events').column('at').execute();
  await db.schema.createIndex('throttle_blocks_by_end').on('throttle_blocks').column('blocked_until').execute();

  // Rows from before the chain keep seq 0 and empty hashes: `audit verify` counts them as unchained.
  await db.schema.alterTable('audit_log').addColumn('name_key', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('audit_log_by_chain').on('audit_log').columns(['kiosk_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_by_name_key').on('audit_log').column('name_key').execute();

  await finish(
    db.schema
      .createTable('audit_chain_heads')
      .addColumn('kiosk_id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull()),
  ).execute();
  await finish(
    db.schema
      .createTable('audit_anchors')
      .addColumn('kiosk_id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('pruned_at', 'text', (c) => c.notNull()),
  ).execute();

  await finish(
    db.schema
      .createTable('outbox')
      .addColumn('id', 'integer', id)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('gave_up_at', 'text')
      .addColumn('last_error', 'text')
      .addCheckConstraint('outbox_channel', sql`channel in ('email', 'sms')`),
  ).execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['sent_at', 'gave_up_at', 'next_attempt_at']).execute();

  await finish(
    db.schema
      .createTable('password_changes')
      .addColumn('id', 'integer', id)
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('kiosk_id', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('was_locked', 'integer', (c) => c.notNull().defaultTo(0))
      .addCheckConstraint('password_changes_state', sql`state in ('pending', 'completed', 'abandoned')`),
  ).execute();
  await db.schema.createIndex('password_changes_by_state').on('password_changes').columns(['state', 'started_at']).execute();

  await finish(
    db.schema
      .createTable('key_checks')
      .addColumn('purpose', 'text', (c) => c.primaryKey())
      .addColumn('check_value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
  ).execute();
}
