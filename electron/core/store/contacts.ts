import type { ContactRecord } from '../ports.js';
import type { Db } from './database.js';

/** Registered contact methods. Only verified ones ever receive a code or a notification. */
export function createContactStore(db: Db) {
  const insert = db.prepare('INSERT INTO contact_methods (account_id, kind, value, verified_at) VALUES (?, ?, ?, ?)');
  const forAccount = db.prepare<[number], { kind: 'email' | 'phone'; value: string; verified_at: string | null }>(
    'SELECT kind, value, verified_at FROM contact_methods WHERE account_id = ? ORDER BY id',
  );
  const verifiedOfKind = db.prepare<[number, string], { value: string }>(
    'SELECT value FROM contact_methods WHERE account_id = ? AND kind = ? AND verified_at IS NOT NULL ORDER BY id',
  );

  return {
    add(accountId: number, contact: ContactRecord): void {
      insert.run(accountId, contact.kind, contact.value, contact.verifiedAt);
    },
    list(accountId: number): ContactRecord[] {
      return forAccount.all(accountId).map((row) => ({ kind: row.kind, value: row.value, verifiedAt: row.verified_at }));
    },
    verifiedEmails(accountId: number): string[] {
      return verifiedOfKind.all(accountId, 'email').map((row) => row.value);
    },
  };
}

export type ContactStore = ReturnType<typeof createContactStore>;
