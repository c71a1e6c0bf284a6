import type { Tx } from './store.js';
import { usernameKeyOf } from './username-key.js';

/** A technician's row as stored: the app secret only as ciphertext (bound to username_key). */
export interface TechnicianRow {
  id: number;
  username: string;
  usernameKey: string;
  displayName: string;
  role: 'technician';
  passwordHash: string;
  /** base64 of AES-256-GCM ciphertext followed by its tag. */
  ciphertext: string;
  /** base64 of the 12-byte nonce. */
  nonce: string;
  lastStep: number | null;
  status: 'active' | 'disabled';
  createdAt: string;
  disabledAt: string | null;
}

export interface NewTechnicianRow {
  username: string;
  displayName: string;
  passwordHash: string;
  ciphertext: string;
  nonce: string;
  createdAt: string;
}

/** What `technician list` shows: never the hash or the secret. */
export type TechnicianListing = Pick<TechnicianRow, 'username' | 'displayName' | 'role' | 'status' | 'createdAt' | 'disabledAt'>;

type Selected = {
  id: number | bigint;
  username: string;
  username_key: string;
  display_name: string;
  role: 'technician';
  password_hash: string;
  totp_ciphertext: string;
  totp_nonce: string;
  totp_last_step: number | bigint | string | null;
  status: 'active' | 'disabled';
  created_at: string;
  disabled_at: string | null;
};

function rowOf(row: Selected): TechnicianRow {
  return {
    id: Number(row.id),
    username: row.username,
    usernameKey: row.username_key,
    displayName: row.display_name,
    role: row.role,
    passwordHash: row.password_hash,
    ciphertext: row.totp_ciphertext,
    nonce: row.totp_nonce,
    lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    status: row.status,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

/** The kiosk's technician accounts (migration 005), matched by username like accounts are. */
export const technicianRows = {
  async findByUsername(tx: Tx, username: string): Promise<TechnicianRow | null> {
    const row = await tx.selectFrom('technicians').selectAll().where('username_key', '=', usernameKeyOf(username)).executeTakeFirst();
    return row === undefined ? null : rowOf(row as Selected);
  },

  /** The new technician's id; the unique username_key refuses a second technician of the same name. */
  async insert(tx: Tx, row: NewTechnicianRow): Promise<number> {
    const inserted = await tx
      .insertInto('technicians')
      .values({
        username: row.username,
        username_key: usernameKeyOf(row.username),
        display_name: row.displayName,
        role: 'technician',
        password_hash: row.passwordHash,
        totp_ciphertext: row.ciphertext,
        totp_nonce: row.nonce,
        totp_last_step: null,
        status: 'active',
        created_at: row.createdAt,
        disabled_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(inserted.id);
  },

  async list(tx: Tx): Promise<TechnicianListing[]> {
    const rows = await tx
      .selectFrom('technicians')
      .select(['username', 'display_name', 'role', 'status', 'created_at', 'disabled_at'])
      .orderBy('username_key')
      .execute();
    return rows.map((row) => ({
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      status: row.status,
      createdAt: row.created_at,
      disabledAt: row.disabled_at,
    }));
  },

  /** True when an active technician was disabled now; false when none was (unknown, or disabled already). */
  async disable(tx: Tx, id: number, at: string): Promise<boolean> {
    const result = await tx
      .updateTable('technicians')
      .set({ status: 'disabled', disabled_at: at })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /**
   * Records `step` as the newest accepted app code, only if it is newer than what is recorded: false
   * when it is not (the code was used already, here or on another kiosk sharing the database).
   */
  async advanceStep(tx: Tx, id: number, step: number): Promise<boolean> {
    const result = await tx
      .updateTable('technicians')
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
