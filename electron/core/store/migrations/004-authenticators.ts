import { schemaHelpers, type AnyDb, type StoreDialect } from '../dialect.js';

/**
 * Authenticator apps (TOTP), at most one per account. The secret is kept only as AES-256-GCM
 * ciphertext (with its tag) and nonce, both base64, bound to the account id: the database alone
 * never reveals it (see authenticator/secret-box.ts). `last_step` is the newest time step accepted
 * from the app, so no code is ever accepted twice, on any kiosk sharing this database.
 */
export async function authenticatorApps(db: AnyDb, dialect: StoreDialect): Promise<void> {
  const { id, finish } = schemaHelpers(dialect);

  await finish(
    db.schema
      .createTable('authenticators')
      .addColumn('id', 'integer', id)
      .addColumn('account_id', 'integer', (c) => c.notNull().unique().references('accounts.id').onDelete('cascade'))
      .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('last_step', 'integer'),
  ).execute();
}
