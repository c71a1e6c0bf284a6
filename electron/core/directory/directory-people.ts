import { judgeEmailAddress, sameEmailAddress } from '../journeys/registration/email-address.js';
import type { AccountRecord, Clock } from '../ports.js';
import { parsePhoneNumber } from '../sms/phone-number.js';
import { accountRows } from '../store/accounts.js';
import type { Store, Tx } from '../store/store.js';
import { usernameKeyOf } from '../store/username-key.js';

/** A person as an LDAP or Active Directory directory describes them (never a password or hash). */
export interface DirectoryPerson {
  username: string;
  firstName: string;
  lastName: string;
  disabled: boolean;
  locked: boolean;
  /** A personal address the directory lists (the configured attribute), as stored there. */
  email: string | null;
  mobile: string | null;
}

/** No argon2 PHC string starts with "!": a shadow account can never be signed in to through the store. */
export const shadowPasswordMarker = '!directory';

/**
 * Directory contacts count as verified by the organisation, not at the kiosk: dated at the epoch so
 * `registration.coolingOffDays` (meant for methods a stranger could have just added) never holds them.
 */
const directoryVerifiedAt = new Date(0).toISOString();

/**
 * The kiosk's shadow of each directory person it meets: the numeric id everything else in the store
 * hangs on (contacts, authenticator apps, password-history entries, challenges), names and status as
 * last read, and the directory's email and mobile kept in step as contacts of source 'directory'.
 * The directory stays the one authority for passwords, locks and status; the shadow only mirrors them.
 */
export function createDirectoryPeople(
  store: Store,
  clock: Clock,
  options: { blockedEmailDomains: readonly string[]; defaultRegion: string | undefined; log?: (line: string) => void },
) {
  const log = options.log ?? (() => undefined);

  /** The directory's contacts the kiosk can use: a valid address outside the organisation's domains, a valid mobile. */
  function usableContacts(person: DirectoryPerson): Array<{ kind: 'email' | 'phone'; value: string }> {
    const contacts: Array<{ kind: 'email' | 'phone'; value: string }> = [];
    if (person.email !== null && person.email.trim() !== '') {
      const judged = judgeEmailAddress(person.email, options.blockedEmailDomains);
      if (judged.ok) contacts.push({ kind: 'email', value: judged.address });
      else log(`directory: the email listed for an account is not used for codes (${judged.problem})`);
    }
    if (person.mobile !== null && person.mobile.trim() !== '') {
      const parsed = parsePhoneNumber(person.mobile, options.defaultRegion);
      if (parsed.ok) contacts.push({ kind: 'phone', value: parsed.e164 });
      else log(`directory: the mobile listed for an account is not used for texts (${parsed.reason})`);
    }
    return contacts;
  }

  async function syncContacts(tx: Tx, accountId: number, wanted: Array<{ kind: 'email' | 'phone'; value: string }>): Promise<void> {
    const rows = await tx.selectFrom('contact_methods').select(['id', 'kind', 'value', 'source']).where('account_id', '=', accountId).execute();
    const same = (row: { kind: string; value: string }, contact: { kind: string; value: string }) =>
      row.kind === contact.kind && (contact.kind === 'email' ? sameEmailAddress(row.value, contact.value) : row.value === contact.value);
    for (const row of rows) {
      if (row.source === 'directory' && !wanted.some((contact) => same(row, contact))) {
        await tx.deleteFrom('contact_methods').where('id', '=', row.id).execute();
      }
    }
    for (const contact of wanted) {
      // The person may have registered the same value at the kiosk: one row per value is enough.
      if (rows.some((row) => same(row, contact))) continue;
      await tx
        .insertInto('contact_methods')
        .values({ account_id: accountId, kind: contact.kind, value: contact.value, verified_at: directoryVerifiedAt, source: 'directory' })
        .execute();
    }
  }

  return {
    /** Makes or refreshes the person's shadow (and directory contacts) and returns it with its local id. */
    async link(person: DirectoryPerson): Promise<AccountRecord> {
      const contacts = usableContacts(person);
      const key = usernameKeyOf(person.username);
      const status = person.disabled ? ('disabled' as const) : ('active' as const);
      const now = clock.now().toISOString();
      const id = await store.run(async (tx) => {
        const known = await accountRows.findByUsername(tx, person.username);
        const values = {
          username: person.username,
          first_name: person.firstName,
          last_name: person.lastName,
          status,
          locked: person.locked ? 1 : 0,
          locked_at: person.locked ? now : null,
          source: 'directory' as const,
        };
        let accountId: number;
        if (known === null) {
          const row = await tx
            .insertInto('accounts')
            .values({ ...values, username_key: key, password_hash: shadowPasswordMarker, password_changed_at: now })
            .returning('id')
            .executeTakeFirstOrThrow();
          accountId = Number(row.id);
        } else {
          accountId = Number(known.id);
          // An embedded account of the same name (a site that moved to its directory) becomes the shadow:
          // its password there meant nothing once the directory decides.
          await tx.updateTable('accounts').set({ ...values, password_hash: shadowPasswordMarker }).where('id', '=', accountId).execute();
        }
        await syncContacts(tx, accountId, contacts);
        return accountId;
      });
      return { id, username: person.username, firstName: person.firstName, lastName: person.lastName, status, locked: person.locked };
    },

    /** The username the directory knows the shadow by; null for an id the store does not hold. */
    async usernameOf(accountId: number): Promise<string | null> {
      return (await store.read((db) => accountRows.findById(db, accountId)))?.username ?? null;
    },
  };
}

export type DirectoryPeople = ReturnType<typeof createDirectoryPeople>;
