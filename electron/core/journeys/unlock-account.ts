import type { NoticeState, UnlockOutcome } from '../../../shared/flow/stages.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { AuditDetailValue, AuditTrail } from '../audit/audit-trail.js';
import { describeError } from '../background-tasks.js';
import type { NamePseudonym } from '../keys/name-pseudonym.js';
import type { AccountRecord, Clock, Directory } from '../ports.js';
import { enqueueAccountNotices } from '../notifications/enqueue-notices.js';
import type { Store } from '../store/store.js';
import type { Throttle } from '../throttle/throttle.js';

/**
 * "Account locked?" after a proof: the directory's lock and its failed sign-ins are cleared and
 * nothing else; the password and its history stay as they are. An account that was not locked is
 * told so (after the proof, this reveals nothing to a stranger) and nothing changes.
 */
export function createAccountUnlocker(deps: {
  store: Store;
  directory: Directory;
  audit: AuditTrail;
  throttle: Throttle;
  pseudonym: NamePseudonym;
  clock: Clock;
  kiosk: { id: string; location: string };
  /** Whether notices also go to verified mobiles (a text provider is configured). */
  textNotices: boolean;
  log: (line: string) => void;
  onNoticesQueued?: () => void;
  /** The walk-up session's language (the kiosk's default outside a session): the notice is written in it. */
  language: () => Language;
}) {
  const { store, directory, audit, throttle, pseudonym, clock, kiosk, log } = deps;

  /** `by`: a technician's unlock after an ID check (their actor, and the document's type in detail). */
  return async function unlock(
    account: AccountRecord,
    typedName: string,
    by?: { actor: string; detail: Record<string, AuditDetailValue> },
  ): Promise<{ outcome: UnlockOutcome; notice: NoticeState }> {
    const as = by === undefined ? {} : { actor: by.actor, detail: by.detail };
    if (!(await directory.isLocked(account.id))) {
      await store.run((tx) => audit.record(tx, { event: 'unlock.not_locked', typedName, account: account.username, outcome: 'ok', ...as }));
      return { outcome: 'not_locked', notice: 'none' };
    }
    try {
      await directory.unlock(account.id);
    } catch (error) {
      log(`unlock of an account failed in the directory (${describeError(error)})`);
      await store
        .run((tx) => audit.record(tx, { event: 'unlock.failed', typedName, account: account.username, outcome: 'failed', ...as }))
        .catch((auditError: unknown) => log(`unlock audit not written (${describeError(auditError)})`));
      return { outcome: 'not_unlocked', notice: 'none' };
    }
    try {
      const queued = await store.run(async (tx) => {
        // A proof that worked clears the person's own counts, as after a reset.
        for (const subject of new Set([pseudonym(typedName), pseudonym(account.username)])) {
          for (const scope of ['failedProofs', 'emailSends', 'smsSends'] as const) await throttle.reset(tx, scope, subject);
        }
        const at = clock.now().toISOString();
        const notice = { accountId: account.id, kind: 'account_unlocked' as const, username: account.username, at, kioskId: kiosk.id, kioskLocation: kiosk.location, language: deps.language() };
        const queued = await enqueueAccountNotices(tx, notice, at, deps.textNotices);
        await audit.record(tx, { event: 'unlock.unlocked', typedName, account: account.username, outcome: 'ok', ...as, detail: { ...as.detail, noticesQueued: queued } });
        return queued;
      });
      if (queued > 0) deps.onNoticesQueued?.();
      return { outcome: 'unlocked', notice: queued > 0 ? 'queued' : 'none' };
    } catch (error) {
      // The account is unlocked whatever happened to the records: say so, and say it in the log.
      log(`account unlocked, but its audit row and notice could not be written (${describeError(error)})`);
      return { outcome: 'unlocked', notice: 'none' };
    }
  };
}

export type AccountUnlocker = ReturnType<typeof createAccountUnlocker>;
