import type { AnyDb } from '../dialect.js';

/**
 * With an LDAP or Active Directory directory, the accounts table holds the kiosk's shadow of each
 * directory person it has met (the id that contacts, apps and history hang on; names, status and lock
 * as last read) and contact_methods may hold the email and mobile the directory lists. `source` tells
 * those rows from the kiosk's own: a shadow account has no password here, and a directory contact is
 * replaced whenever the directory's value changes, never by the person at the kiosk.
 */
export async function directorySources(db: AnyDb): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('source', 'text', (c) => c.notNull().defaultTo('kiosk')).execute();
  await db.schema.alterTable('contact_methods').addColumn('source', 'text', (c) => c.notNull().defaultTo('kiosk')).execute();
}
