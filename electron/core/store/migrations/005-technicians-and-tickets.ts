import { sql } from 'kysely';
import { schemaHelpers, type AnyDb, type StoreDialect } from '../dialect.js';

/**
 * Technician mode. Technicians are the kiosk's own accounts (never the directory's people): an argon2id
 * password and an authenticator app whose secret is kept like a person's (AES-256-GCM, bound to the
 * technician, see authenticator/secret-box.ts), with the newest accepted time step so no code works
 * twice. Help tickets hold what a walk-up attempt showed, for the desk to look up until they expire.
 */
export async function techniciansAndTickets(db: AnyDb, dialect: StoreDialect): Promise<void> {
  const { id, finish } = schemaHelpers(dialect);

  await finish(
    db.schema
      .createTable('technicians')
      .addColumn('id', 'integer', id)
      .addColumn('username', 'text', (c) => c.notNull())
      /** NFC + lower case of `username`, like accounts.username_key. */
      .addColumn('username_key', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().defaultTo('technician'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('totp_ciphertext', 'text', (c) => c.notNull())
      .addColumn('totp_nonce', 'text', (c) => c.notNull())
      .addColumn('totp_last_step', 'integer')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .addCheckConstraint('technicians_role', sql`role in ('technician')`)
      .addCheckConstraint('technicians_status', sql`status in ('active', 'disabled')`),
  ).execute();

  await finish(
    db.schema
      .createTable('help_tickets')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('kiosk_id', 'text', (c) => c.notNull())
      /** The name as typed: the technician must see it, so tickets are deleted once they expire. */
      .addColumn('typed_name', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      /** JSON: TicketEvent[] (shared/technician/technician-view.ts), never a code or a password. */
      .addColumn('tried', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('help_tickets_by_expiry').on('help_tickets').column('expires_at').execute();
}
