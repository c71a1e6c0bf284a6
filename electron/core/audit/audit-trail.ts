import type { Clock } from '../ports.js';
import type { NamePseudonym } from '../keys/name-pseudonym.js';
import type { Store, Tx } from '../store/store.js';
import { chainStart, sealOf } from './audit-seal.js';

export type AuditDetailValue = string | number | boolean | string[] | null;

export interface AuditEntry {
  /** e.g. 'reset.begin', 'code.delivery_failed', 'password.changed'. */
  event: string;
  outcome: 'ok' | 'refused' | 'failed';
  /**
   * The name exactly as typed. It may be a password typed into the wrong box, so the trail keeps
   * only its keyed pseudonym; `account` carries the real username once one is known.
   */
  typedName?: string | null;
  /** The account's own username, when the typed name is known to belong to it. */
  account?: string | null;
  /** Non-secret detail, e.g. { method: 'email', rules: ['too_short'] }. Never a password, code or hash. */
  detail?: Record<string, AuditDetailValue>;
  actor?: string;
}

export interface AuditTrail {
  /** Appends one sealed record inside the caller's transaction. */
  record(tx: Tx, entry: AuditEntry): Promise<void>;
}

/** Writes one record in a transaction of its own: for steps whose record is all they write. */
export const recordAlone =
  (deps: { store: Store; audit: AuditTrail }) =>
  (entry: AuditEntry): Promise<void> =>
    deps.store.run((tx) => deps.audit.record(tx, entry));

/**
 * Append-only, tamper-evident audit trail. Each kiosk keeps its own chain (kiosks sharing one
 * database append concurrently); the chain head row serialises appends from one kiosk, and a
 * conflicting append is retried by the store.
 */
export function createAuditTrail(deps: { kioskId: string; clock: Clock; chainKey: Buffer; pseudonym: NamePseudonym }): AuditTrail {
  const { kioskId, clock, chainKey, pseudonym } = deps;

  return {
    async record(tx, entry) {
      const head = await tx.selectFrom('audit_chain_heads').select(['seq', 'hash']).where('kiosk_id', '=', kioskId).executeTakeFirst();
      const anchor =
        head === undefined
          ? await tx.selectFrom('audit_anchors').select(['seq', 'hash']).where('kiosk_id', '=', kioskId).executeTakeFirst()
          : undefined;
      const previous = head ?? anchor ?? { seq: 0, hash: chainStart };
      const named = entry.typedName ?? entry.account ?? null;
      const fields = {
        kioskId,
        seq: Number(previous.seq) + 1,
        at: clock.now().toISOString(),
        event: entry.event,
        username: entry.account ?? null,
        nameKey: named === null ? null : pseudonym(named),
        outcome: entry.outcome,
        actor: entry.actor ?? null,
        detail: JSON.stringify(entry.detail ?? {}),
      };
      const hash = sealOf(chainKey, previous.hash, fields);
      await tx
        .insertInto('audit_log')
        .values({
          at: fields.at,
          kiosk_id: kioskId,
          event: fields.event,
          username: fields.username,
          name_key: fields.nameKey,
          outcome: entry.outcome,
          actor: fields.actor,
          detail: fields.detail,
          seq: fields.seq,
          prev_hash: previous.hash,
          hash,
        })
        .execute();
      await tx
        .insertInto('audit_chain_heads')
        .values({ kiosk_id: kioskId, seq: fields.seq, hash })
        .onConflict((conflict) => conflict.column('kiosk_id').doUpdateSet({ seq: fields.seq, hash }))
        .execute();
    },
  };
}
