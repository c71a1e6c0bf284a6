import type { Language } from '../../../../shared/i18n/languages.js';
import type { MethodChange, NoticeState } from '../../../../shared/flow/stages.js';
import { fail, ok, type Result } from '../../../../shared/ipc/result.js';
import type { AuditTrail } from '../../audit/audit-trail.js';
import type { Authenticators } from '../../authenticator/authenticator-types.js';
import type { MethodNoticeKind } from '../../mail/method-notice.js';
import { enqueueMethodNotices } from '../../notifications/enqueue-method-notices.js';
import type { AccountRecord, Clock } from '../../ports.js';
import type { PendingChange } from '../../session/registration-state.js';
import { contactRows } from '../../store/contacts.js';
import type { Store, Tx } from '../../store/store.js';
import { sameEmailAddress } from './email-address.js';
import { addressesOf, parseMethodId, readAccountMethods, type AccountMethods } from './method-list.js';

const noticeKinds: Record<MethodChange['action'], MethodNoticeKind> = { add: 'method_added', replace: 'method_replaced', remove: 'method_removed' };

/** The same address or number, as the store would hold it twice. */
export function sameContact(kind: 'email' | 'phone', a: string, b: string): boolean {
  return kind === 'email' ? sameEmailAddress(a, b) : a === b;
}

/**
 * Saves one reviewed change in one transaction: the method row (added with verified_at now, replaced,
 * or removed; an app saved encrypted or removed), the notices to every address on record before and
 * after it, and the audit record (its kind only: never an address or a secret). The account is read
 * again inside the transaction, so a change another kiosk made meanwhile is judged, not overwritten.
 */
export function createMethodSaver(deps: {
  store: Store;
  audit: AuditTrail;
  authenticators: Authenticators | null;
  clock: Clock;
  kiosk: { id: string; location: string };
  requiredMethods: number;
  /** Whether notices also go to mobiles (the kiosk can send texts). */
  textNotices: boolean;
  /** The session's language: every address hears of the change in it. */
  language: () => Language;
  onNoticesQueued?: () => void;
}) {
  const { store, audit, authenticators, clock, kiosk } = deps;

  /** A refusal, or null when the change can be applied to the account as it is now. Writes nothing. */
  function refusal(before: AccountMethods, change: PendingChange): Result<never> | null {
    const has = (id: string) => before.methods.some((method) => method.id === id);
    switch (change.action) {
      case 'add': {
        const { contact } = change;
        if (contact.replaces !== null && !has(contact.replaces.id)) return fail('WRONG_STAGE');
        const duplicate = before.contacts.some(
          (row) => row.kind === contact.kind && `${row.kind}:${row.id}` !== contact.replaces?.id && sameContact(contact.kind, row.value, contact.value),
        );
        return duplicate ? fail('METHOD_ALREADY_REGISTERED') : null;
      }
      case 'app':
        if (change.replaces !== null && !has(change.replaces.id)) return fail('WRONG_STAGE');
        return change.replaces === null && before.hasApp ? fail('METHOD_ALREADY_REGISTERED') : null;
      case 'remove':
        if (!has(change.method.id)) return fail('WRONG_STAGE');
        return before.methods.length - 1 < deps.requiredMethods ? fail('METHODS_REQUIRED') : null;
    }
  }

  async function apply(tx: Tx, account: AccountRecord, change: PendingChange, at: string): Promise<void> {
    switch (change.action) {
      case 'add': {
        const { contact } = change;
        const replacesRow = contact.replaces === null ? null : (parseMethodId(contact.replaces.id)?.row ?? null);
        if (!(await contactRows.putVerified(tx, account.id, { kind: contact.kind, value: contact.value, verifiedAt: at }, replacesRow))) {
          throw new Error('The contact being replaced disappeared inside the transaction');
        }
        return;
      }
      case 'app':
        if (authenticators === null) throw new Error('No authenticator store');
        await authenticators.save(tx, account.id, change.secret, change.acceptedStep);
        return;
      case 'remove': {
        const parsed = parseMethodId(change.method.id);
        if (parsed === null) throw new Error('Not a method id');
        if (parsed.kind === 'app') {
          if (authenticators === null) throw new Error('No authenticator store');
          await authenticators.remove(tx, account.id);
        } else if (!(await contactRows.remove(tx, account.id, parsed.row))) {
          throw new Error('The contact being removed disappeared inside the transaction');
        }
        return;
      }
    }
  }

  return async function save(account: AccountRecord, change: PendingChange, shown: MethodChange): Promise<Result<{ notice: NoticeState }>> {
    const result = await store.run(async (tx): Promise<Result<{ queued: number }>> => {
      const before = await readAccountMethods(tx, account.id, authenticators);
      const refused = refusal(before, change);
      if (refused !== null) return refused;
      const at = clock.now().toISOString();
      await apply(tx, account, change, at);
      const after = await contactRows.verifiedWithIds(tx, account.id);
      const kind = noticeKinds[shown.action];
      const payload = {
        username: account.username,
        at,
        kioskId: kiosk.id,
        kioskLocation: kiosk.location,
        method: shown.kind,
        masked: shown.masked,
        ...(shown.action === 'replace' ? { replacesMasked: shown.replacesMasked } : {}),
      };
      const queued = await enqueueMethodNotices(tx, { kind, payload, language: deps.language() }, { before: addressesOf(before.contacts), after: addressesOf(after) }, at, deps.textNotices);
      await audit.record(tx, { event: `register.${kind}`, account: account.username, outcome: 'ok', detail: { kind: shown.kind, noticesQueued: queued } });
      return ok({ queued });
    });
    if (!result.ok) return result;
    if (result.value.queued > 0) deps.onNoticesQueued?.();
    return ok({ notice: result.value.queued > 0 ? 'queued' : 'none' });
  };
}

export type MethodSaver = ReturnType<typeof createMethodSaver>;
