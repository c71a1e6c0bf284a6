import type { Tx } from '../../electron/core/store/store.js';

/** A checked person whose password is now a hash, ready for the one import transaction. */
export interface ReadyPerson {
  username: string;
  usernameKey: string;
  firstName: string;
  lastName: string;
  email: string | null;
  mobile: string | null;
  passwordHash: string;
}

// Well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535 per statement.
const batchSize = 500;

/**
 * Inserts the people and their contacts inside the caller's transaction, a batch of rows per
 * statement: one statement per person would make a 20,000-row import 40,000 round trips on
 * PostgreSQL. The organisation's records vouch for the address and number, so they are stored as
 * verified (codes go only to verified contacts) as of the import.
 */
export async function insertImportedPeople(tx: Tx, people: readonly ReadyPerson[], at: string): Promise<void> {
  for (let start = 0; start < people.length; start += batchSize) {
    const batch = people.slice(start, start + batchSize);
    const inserted = await tx
      .insertInto('accounts')
      .values(
        batch.map((person) => ({
          username: person.username,
          username_key: person.usernameKey,
          first_name: person.firstName,
          last_name: person.lastName,
          status: 'active' as const,
          locked: 0,
          locked_at: null,
          password_hash: person.passwordHash,
          password_changed_at: at,
        })),
      )
      .returning(['id', 'username_key'])
      .execute();
    const idOf = new Map(inserted.map((row) => [row.username_key, Number(row.id)]));
    const contacts = batch.flatMap((person) => {
      const accountId = idOf.get(person.usernameKey);
      if (accountId === undefined) throw new Error('an imported account was not given an id');
      return [
        ...(person.email === null ? [] : [{ account_id: accountId, kind: 'email' as const, value: person.email, verified_at: at }]),
        ...(person.mobile === null ? [] : [{ account_id: accountId, kind: 'phone' as const, value: person.mobile, verified_at: at }]),
      ];
    });
    if (contacts.length > 0) await tx.insertInto('contact_methods').values(contacts).execute();
  }
}

/** The usernames among `keys` that the store already has (any case), checked a batch at a time. */
export async function existingUsernameKeys(db: Tx, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += batchSize) {
    const rows = await db.selectFrom('accounts').select('username_key').where('username_key', 'in', keys.slice(start, start + batchSize)).execute();
    for (const row of rows) found.add(row.username_key);
  }
  return found;
}
