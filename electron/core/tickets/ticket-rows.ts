import type { ProofMethod } from '../../../shared/flow/stages.js';
import type { TicketDetails, TicketEvent } from '../../../shared/technician/technician-view.js';
import type { Tx } from '../store/store.js';

const proofMethods: readonly string[] = ['email', 'sms', 'app'];

/** Help tickets in the store: made by the walk-up screens, read by technicians, pruned by maintenance. */
export const ticketRows = {
  /** False when the code is taken by a ticket still in force (the caller draws another). */
  async add(tx: Tx, ticket: TicketDetails): Promise<boolean> {
    // An expired ticket no longer holds its code, even before maintenance removes it.
    await tx.deleteFrom('help_tickets').where('code', '=', ticket.code).where('expires_at', '<=', ticket.createdAt).execute();
    const inserted = await tx
      .insertInto('help_tickets')
      .values({
        code: ticket.code,
        kiosk_id: ticket.kioskId,
        typed_name: ticket.typedName,
        purpose: ticket.purpose,
        tried: JSON.stringify(ticket.tried),
        created_at: ticket.createdAt,
        expires_at: ticket.expiresAt,
      })
      .onConflict((conflict) => conflict.column('code').doNothing())
      .returning('code')
      .executeTakeFirst();
    return inserted !== undefined;
  },

  /** The ticket, if it exists and has not expired at `now` (ISO). */
  async find(tx: Tx, code: string, now: string): Promise<TicketDetails | null> {
    const row = await tx.selectFrom('help_tickets').selectAll().where('code', '=', code).where('expires_at', '>', now).executeTakeFirst();
    if (row === undefined) return null;
    return {
      code: row.code,
      typedName: row.typed_name,
      purpose: row.purpose,
      kioskId: row.kiosk_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      tried: JSON.parse(row.tried) as TicketEvent[],
    };
  },

  /** Deletes tickets that expired before `now` (ISO); returns how many. */
  async pruneExpired(tx: Tx, now: string): Promise<number> {
    const result = await tx.deleteFrom('help_tickets').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /**
   * What the kiosk saw in one walk-up session: this kiosk's audit rows for the typed name's pseudonym
   * since the session began, as event, outcome, time, method and a refusal's reason only (never a detail that could hold
   * more, and the trail never holds a code).
   */
  async triedSince(tx: Tx, kioskId: string, nameKey: string, since: string): Promise<TicketEvent[]> {
    const rows = await tx
      .selectFrom('audit_log')
      .select(['at', 'event', 'outcome', 'detail'])
      .where('kiosk_id', '=', kioskId)
      .where('name_key', '=', nameKey)
      .where('at', '>=', since)
      .orderBy('seq')
      .orderBy('id')
      .limit(200)
      .execute();
    return rows.map((row) => {
      const method = methodOf(row.detail);
      const reason = reasonOf(row.detail);
      return { at: row.at, event: row.event, outcome: row.outcome, ...(method === null ? {} : { method }), ...(reason === null ? {} : { reason }) };
    });
  },
};

/** A refusal's recorded reason, only when it is a short identifier (never free text from a detail). */
function reasonOf(detail: string): string | null {
  try {
    const parsed = JSON.parse(detail) as { reason?: unknown };
    return typeof parsed.reason === 'string' && /^[a-z_]{1,32}$/.test(parsed.reason) ? parsed.reason : null;
  } catch {
    return null;
  }
}

function methodOf(detail: string): ProofMethod | null {
  try {
    const parsed = JSON.parse(detail) as { method?: unknown };
    return typeof parsed.method === 'string' && proofMethods.includes(parsed.method) ? (parsed.method as ProofMethod) : null;
  } catch {
    return null;
  }
}
