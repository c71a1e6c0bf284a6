import type { Tx } from './store.js';

/** An authenticator app's row as stored: the secret only as ciphertext, never in the clear. */
export interface AuthenticatorRow {
  id: number;
  accountId: number;
  /** base64 of AES-256-GCM ciphertext followed by its tag. */
  ciphertext: string;
  /** base64 of the 12-byte nonce. */
  nonce: string;
  addedAt: string;
  lastStep: number | null;
}

export type NewAuthenticatorRow = Omit<AuthenticatorRow, 'id'>;

/** One authenticator app per account (authenticators.account_id is unique). */
export const authenticatorRows = {
  async find(tx: Tx, accountId: number): Promise<AuthenticatorRow | null> {
    const row = await tx.selectFrom('authenticators').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    if (row === undefined) return null;
    return {
      id: Number(row.id),
      accountId: Number(row.account_id),
      ciphertext: row.secret_ciphertext,
      nonce: row.nonce,
      addedAt: row.added_at,
      lastStep: row.last_step === null ? null : Number(row.last_step),
    };
  },

  /** Saves the account's app, replacing whatever app it had (its secret and its spent steps go with it). */
  async replace(tx: Tx, row: NewAuthenticatorRow): Promise<number> {
    await tx.deleteFrom('authenticators').where('account_id', '=', row.accountId).execute();
    const inserted = await tx
      .insertInto('authenticators')
      .values({
        account_id: row.accountId,
        secret_ciphertext: row.ciphertext,
        nonce: row.nonce,
        added_at: row.addedAt,
        last_step: row.lastStep,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(inserted.id);
  },

  async remove(tx: Tx, accountId: number): Promise<boolean> {
    const result = await tx.deleteFrom('authenticators').where('account_id', '=', accountId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /**
   * Records `step` as the newest accepted one, only if it is newer than what is recorded: false when
   * it is not (the code was used already, here or on another kiosk sharing the database).
   */
  async advanceStep(tx: Tx, id: number, step: number): Promise<boolean> {
    const result = await tx
      .updateTable('authenticators')
      .set({ last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
