import type { Tx } from './store.js';

/** Fingerprints of the deployment's derived keys (never the keys): see keys/key-checks.ts. */
export const keyCheckRows = {
  async all(tx: Tx): Promise<Map<string, string>> {
    const rows = await tx.selectFrom('key_checks').select(['purpose', 'check_value']).execute();
    return new Map(rows.map((row) => [row.purpose, row.check_value]));
  },

  async add(tx: Tx, purpose: string, checkValue: string, at: string): Promise<void> {
    await tx
      .insertInto('key_checks')
      .values({ purpose, check_value: checkValue, created_at: at })
      .onConflict((conflict) => conflict.column('purpose').doNothing())
      .execute();
  },
};
