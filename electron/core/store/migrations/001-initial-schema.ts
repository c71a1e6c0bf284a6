import { sql } from 'kysely';
import { schemaHelpers, type AnyDb, type StoreDialect } from '../dialect.js';

/**
 * The first schema. SQLite files made before the store moved to Kysely already hold it (as raw SQL
 * with the same tables, columns and checks), so this migration only ever runs on new databases.
 */
export async function initialSchema(db: AnyDb, dialect: StoreDialect): Promise<void> {
  const { id, finish, noCase } = schemaHelpers(dialect);

  await finish(
    db.schema
      .createTable('accounts')
      .addColumn('id', 'integer', id)
      .addColumn('username', 'text', (c) => noCase(c.notNull().unique()))
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_at', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('password_changed_at', 'text', (c) => c.notNull())
      .addCheckConstraint('accounts_status', sql`status in ('active', 'disabled')`)
      .addCheckConstraint('accounts_locked', sql`locked in (0, 1)`),
  ).execute();

  await finish(
    db.schema
      .createTable('password_history')
      .addColumn('id', 'integer', id)
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addColumn('retired_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('password_history_by_account').on('password_history').columns(['account_id', 'id']).execute();

  await finish(
    db.schema
      .createTable('contact_methods')
      .addColumn('id', 'integer', id)
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('verified_at', 'text')
      .addCheckConstraint('contact_methods_kind', sql`kind in ('email', 'phone')`)
      .addUniqueConstraint('contact_methods_unique', ['account_id', 'kind', 'value']),
  ).execute();

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
      .addColumn('consumed_at', 'text')
      .addCheckConstraint('challenges_purpose', sql`purpose in ('reset')`)
      .addCheckConstraint('challenges_method', sql`method in ('email', 'sms')`),
  ).execute();
  await db.schema
    .createIndex('challenges_open_by_username')
    .on('challenges')
    .columns(['username_key', 'purpose'])
    .where(sql.ref('consumed_at'), 'is', null)
    .execute();

  await finish(
    db.schema
      .createTable('throttle_events')
      .addColumn('id', 'integer', id)
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('throttle_events_window').on('throttle_events').columns(['scope', 'subject', 'at']).execute();

  await finish(
    db.schema
      .createTable('throttle_blocks')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('blocked_at', 'text', (c) => c.notNull())
      .addColumn('blocked_until', 'text', (c) => c.notNull())
      .addColumn('cause_event_id', 'integer')
      .addPrimaryKeyConstraint('throttle_blocks_pk', ['scope', 'subject']),
  ).execute();

  await finish(
    db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', id)
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kiosk_id', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('username', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('actor', 'text')
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
      .addCheckConstraint('audit_log_outcome', sql`outcome in ('ok', 'refused', 'failed')`),
  ).execute();
  await db.schema.createIndex('audit_log_by_time').on('audit_log').column('at').execute();
}
