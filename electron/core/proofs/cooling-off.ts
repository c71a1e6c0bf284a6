import type { ProofMethod } from '../../../shared/flow/stages.js';
import type { Clock, ContactRecord } from '../ports.js';
import { contactRows } from '../store/contacts.js';
import type { Store } from '../store/store.js';

const contactKindOf: Record<Exclude<ProofMethod, 'app'>, ContactRecord['kind']> = { email: 'email', sms: 'phone' };
const day = 24 * 60 * 60_000;

/**
 * Cooling-off (registration.coolingOffDays; 0 = off): a method added or changed within that many days
 * cannot prove identity for reset or unlock, the usual defence against someone who has just added
 * their own address to another person's account. Asked only after a right code, so it tells a
 * stranger nothing.
 */
export function createCoolingOff(deps: { store: Store; clock: Clock; days: number }) {
  const { store, clock, days } = deps;

  /** When a method set up at `addedAt` leaves cooling-off, or null when it already has. */
  const until = (addedAt: string): Date | null => {
    const end = Date.parse(addedAt) + days * day;
    return end > clock.now().getTime() ? new Date(end) : null;
  };

  return {
    /**
     * Null when the method just used may prove identity now; otherwise when it may. An app counts
     * from when it was set up; a code by email or text went to every verified address of that kind,
     * so the newest of them decides.
     */
    async until(input: { accountId: number; method: ProofMethod; appAddedAt: string | null }): Promise<Date | null> {
      if (days === 0) return null;
      if (input.method === 'app') return input.appAddedAt === null ? null : until(input.appAddedAt);
      const kind = contactKindOf[input.method];
      const contacts = await store.read((db) => contactRows.list(db, input.accountId));
      const verifiedAt = contacts.flatMap((contact) => (contact.kind === kind && contact.verifiedAt !== null ? [Date.parse(contact.verifiedAt)] : []));
      return verifiedAt.length === 0 ? null : until(new Date(Math.max(...verifiedAt)).toISOString());
    },
  };
}

export type CoolingOff = ReturnType<typeof createCoolingOff>;
