import type { ContactRecord } from '../ports.js';
import type { Tx } from './store.js';

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
};
