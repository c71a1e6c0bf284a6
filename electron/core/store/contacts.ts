import type { ContactRecord } from '../ports.js';
import type { Tx } from './store.js';

/** A verified contact with its row id, as registration lists and changes them. */
export interface VerifiedContact {
  id: number;
  kind: ContactRecord['kind'];
  value: string;
  verifiedAt: string;
}

/** Registered contact methods. Only verified ones ever receive a code or a notification. */
export const contactRows = {
  async add(tx: Tx, accountId: number, contact: ContactRecord): Promise<void> {
    await tx.insertInto('contact_methods').values({ account_id: accountId, kind: contact.kind, value: contact.value, verified_at: contact.verifiedAt }).execute();
  },

  async list(tx: Tx, accountId: number): Promise<ContactRecord[]> {
    const rows = await tx.selectFrom('contact_methods').select(['kind', 'value', 'verified_at']).where('account_id', '=', accountId).orderBy('id').execute();
    return rows.map((row) => ({ kind: row.kind, value: row.value, verifiedAt: row.verified_at }));
  },

  async verified(tx: Tx, accountId: number, kind: ContactRecord['kind']): Promise<string[]> {
    const rows = await tx
      .selectFrom('contact_methods')
      .select('value')
      .where('account_id', '=', accountId)
      .where('kind', '=', kind)
      .where('verified_at', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((row) => row.value);
  },

  /** The account's verified contacts with their ids, oldest first (registration's list of methods). */
  async verifiedWithIds(tx: Tx, accountId: number): Promise<VerifiedContact[]> {
    const rows = await tx
      .selectFrom('contact_methods')
      .select(['id', 'kind', 'value', 'verified_at'])
      .where('account_id', '=', accountId)
      .where('verified_at', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ id: Number(row.id), kind: row.kind, value: row.value, verifiedAt: row.verified_at ?? '' }));
  },

  /**
   * A newly proven contact: it replaces the row `replacesId` (same account and kind) when given, and
   * any unverified row of the same value is dropped, so the account keeps one row per address.
   * Returns false when `replacesId` is no longer the account's (another kiosk removed it).
   */
  async putVerified(tx: Tx, accountId: number, contact: { kind: ContactRecord['kind']; value: string; verifiedAt: string }, replacesId: number | null): Promise<boolean> {
    await tx
      .deleteFrom('contact_methods')
      .where('account_id', '=', accountId)
      .where('kind', '=', contact.kind)
      .where('value', '=', contact.value)
      .where('verified_at', 'is', null)
      .execute();
    if (replacesId === null) {
      await tx.insertInto('contact_methods').values({ account_id: accountId, kind: contact.kind, value: contact.value, verified_at: contact.verifiedAt }).execute();
      return true;
    }
    const updated = await tx
      .updateTable('contact_methods')
      .set({ value: contact.value, verified_at: contact.verifiedAt })
      .where('id', '=', replacesId)
      .where('account_id', '=', accountId)
      .where('kind', '=', contact.kind)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  },

  /** Removes one of the account's contacts; false when it is not (or no longer) the account's. */
  async remove(tx: Tx, accountId: number, id: number): Promise<boolean> {
    const deleted = await tx.deleteFrom('contact_methods').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    return Number(deleted.numDeletedRows) === 1;
  },
};
