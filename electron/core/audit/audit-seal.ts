import { createHmac } from 'node:crypto';

/** The fields of one audit record that its seal covers, exactly as stored. */
export interface SealedFields {
  kioskId: string;
  seq: number;
  at: string;
  event: string;
  username: string | null;
  nameKey: string | null;
  outcome: string;
  actor: string | null;
  detail: string;
}

/**
 * Each record's hash is an HMAC over the previous record's hash and its own fields, keyed with the
 * deployment's audit key: editing, deleting or reordering a record breaks every seal after it, and
 * someone with only the database cannot compute new seals to hide the change.
 */
export function sealOf(key: Buffer, prevHash: string, fields: SealedFields): string {
  const canonical = JSON.stringify([
    prevHash,
    fields.kioskId,
    fields.seq,
    fields.at,
    fields.event,
    fields.username,
    fields.nameKey,
    fields.outcome,
    fields.actor,
    fields.detail,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/** What the first record of a chain (or the first after an anchor-less start) links to. */
export const chainStart = '';
