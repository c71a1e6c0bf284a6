import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { PolicyRuleCode } from '../../../shared/policy/rule-codes.js';
import type { ChangeOutcome, NoticeState, PasswordPurpose } from '../../../shared/flow/stages.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { describeError } from '../background-tasks.js';
import { isDirectoryRefusal, isDirectoryUnavailable } from '../directory/directory-errors.js';
import { isKioskFailure } from '../errors/kiosk-failure.js';
import { createPasswordHistory, type PasswordHistory } from '../history/password-history.js';
import type { NamePseudonym } from '../keys/name-pseudonym.js';
import type { AccountRecord, Clock, Directory } from '../ports.js';
import { enqueueAccountNotices, type AccountNotice } from '../notifications/enqueue-notices.js';
import { passwordChangeRows, type PasswordChangeIntent } from '../store/password-change-rows.js';
import type { Store, Tx } from '../store/store.js';
import type { Throttle } from '../throttle/throttle.js';

export interface ChangeResult {
  outcome: ChangeOutcome;
  notice: NoticeState;
}

/** The directory refused the password under its own rules: nothing changed, the person may choose another. */
export interface ChangeRefused {
  refused: PolicyRuleCode[];
}

/**
 * A password change that is never left without its record. The intent is written before the
 * directory is asked and finished after the kiosk's bookkeeping (throttle reset, audit row, queued
 * notices); an intent found still pending later (the kiosk crashed, the disk filled) is finished by
 * asking the directory when the password last changed. That works for any directory, LDAP included,
 * because it needs no shared transaction with it.
 */
export function createPasswordChanger(deps: {
  store: Store;
  directory: Directory;
  audit: AuditTrail;
  throttle: Throttle;
  pseudonym: NamePseudonym;
  clock: Clock;
  config: KioskConfig;
  log: (line: string) => void;
  /** Whether notices also go to verified mobiles (a text provider is configured). */
  textNotices?: boolean;
  /** Called after notices were queued, so the outbox can send them now rather than at its next pass. */
  onNoticesQueued?: () => void;
  /**
   * Where every password set is also kept for the reuse check; over this store and directory with the
   * configured argon2 parameters by default, so no change can skip it.
   */
  history?: PasswordHistory;
  /**
   * The walk-up session's language, for the notices of a change made there (the kiosk's default when
   * absent). A change finished by recovery, after a crash, is told in the default language.
   */
  language?: () => Language;
}) {
  const { store, directory, audit, throttle, pseudonym, clock, config, log } = deps;
  const kioskId = config.kiosk.id;
  const history = deps.history ?? createPasswordHistory({ store, directory, clock, params: config.hashing });

  /**
   * The bookkeeping of a change that happened; null when another kiosk or pass already did it.
   * `storedHash` names the directory hash the new password's history entry stands for, when known.
   */
  async function complete(tx: Tx, intent: PasswordChangeIntent, recovered: boolean, storedHash: string | null, language: Language): Promise<NoticeState | null> {
    if (!(await passwordChangeRows.finish(tx, intent.id, 'completed', clock.now().toISOString()))) return null;
    await history.keep(tx, intent.id, storedHash);
    for (const subject of new Set([intent.nameKey, pseudonym(intent.username)])) {
      for (const scope of ['failedProofs', 'emailSends', 'smsSends'] as const) await throttle.reset(tx, scope, subject);
    }
    const notice: AccountNotice = {
      accountId: intent.accountId,
      kind: intent.purpose === 'change' ? 'password_changed' : 'password_reset',
      username: intent.username,
      at: intent.startedAt,
      kioskId: intent.kioskId,
      kioskLocation: kioskId === intent.kioskId ? config.kiosk.location : '',
      language,
    };
    const queued = await enqueueAccountNotices(tx, notice, clock.now().toISOString(), deps.textNotices ?? false);
    await audit.record(tx, {
      event: `${intent.purpose}.password_set`,
      account: intent.username,
      outcome: 'ok',
      detail: { unlocked: intent.wasLocked, noticesQueued: queued, ...(recovered ? { recovered: true, intentKiosk: intent.kioskId } : {}) },
    });
    return queued > 0 ? 'queued' : 'none';
  }

  async function abandon(intent: PasswordChangeIntent, reason: string): Promise<void> {
    await store.run(async (tx) => {
      if (!(await passwordChangeRows.finish(tx, intent.id, 'abandoned', clock.now().toISOString()))) return;
      // A superseded change may still have reached the directory before the later one: its password
      // stays in history. Any other abandoned change is known not to have happened.
      if (reason === 'superseded') await history.keep(tx, intent.id, null);
      else await history.forget(tx, intent.id);
      await audit.record(tx, { event: `${intent.purpose}.password_not_set`, account: intent.username, outcome: 'failed', detail: { reason } });
    });
  }

  return {
    async change(input: { account: AccountRecord; typedName: string; password: string; purpose: PasswordPurpose }): Promise<ChangeResult | ChangeRefused> {
      const { account, purpose } = input;
      const startedAt = clock.now().toISOString();
      const language = deps.language?.() ?? config.languages.default;
      const intent: PasswordChangeIntent = {
        id: 0,
        accountId: account.id,
        username: account.username,
        nameKey: pseudonym(input.typedName),
        kioskId,
        purpose,
        state: 'pending',
        startedAt,
        wasLocked: account.locked,
      };
      // The new password's history entry is derived now and written with the intent, before the
      // directory is asked: recovery cannot derive a password it never saw, so a change that happened
      // must never depend on it for its entry. If even this cannot be written, nothing has changed:
      // the error reaches the person as BUSY/UNAVAILABLE.
      const entry = await history.prepare(account.id, input.password);
      intent.id = await store.run(async (tx) => {
        const id = await passwordChangeRows.start(tx, intent);
        await history.remember(tx, entry, { changeId: id });
        await audit.record(tx, { event: `${purpose}.password_change_started`, account: account.username, outcome: 'ok', detail: { intent: id } });
        return id;
      });

      try {
        await directory.setPassword(account.id, input.password);
      } catch (error) {
        log(`password change ${intent.id}: directory write failed (${describeError(error)})`);
        // The directory said no (its history, quality or minimum age): nothing changed, and the new
        // password's history entry goes, since the password was never set.
        if (isDirectoryRefusal(error)) {
          await abandon(intent, 'directory_refused');
          return { refused: error.rules };
        }
        // The directory could not be reached before anything was sent: nothing changed, and the person
        // stays where they are to hear "password services are unavailable".
        if (isDirectoryUnavailable(error) && !error.maybeApplied) {
          await abandon(intent, 'directory_unavailable').catch((abandonError: unknown) => log(`password change ${intent.id}: ${describeError(abandonError)}`));
          throw error;
        }
        // A store failure inside the embedded directory rolled back: nothing changed. Anything else
        // (a directory that went silent) may or may not have applied; recovery asks it later.
        if (!isKioskFailure(error) || isDirectoryUnavailable(error)) return { outcome: 'unconfirmed', notice: 'none' };
        await abandon(intent, 'directory_write_failed').catch((abandonError: unknown) => log(`password change ${intent.id}: ${describeError(abandonError)}`));
        return { outcome: 'not_changed', notice: 'none' };
      }

      try {
        const storedHash = await history.currentHashName(account.id);
        const notice = await store.run((tx) => complete(tx, intent, false, storedHash, language));
        if (notice === 'queued') deps.onNoticesQueued?.();
        return { outcome: 'changed', notice: notice ?? 'none' };
      } catch (error) {
        log(`password change ${intent.id}: changed, but its records could not be written yet (${describeError(error)}); they will be completed later`);
        return { outcome: 'changed_records_pending', notice: 'none' };
      }
    },

    /**
     * Finishes intents left pending: at start-up this kiosk's own, and later any kiosk's that is older
     * than `olderThanMs` (its kiosk may never come back). Returns how many were completed and abandoned.
     */
    async recover(options: { olderThanMs: number; onlyThisKiosk: boolean }): Promise<{ completed: number; abandoned: number }> {
      const before = new Date(clock.now().getTime() - options.olderThanMs).toISOString();
      const pending = await store.read((db) => passwordChangeRows.pending(db, before, options.onlyThisKiosk ? kioskId : undefined));
      let completed = 0;
      let abandoned = 0;
      for (const intent of pending) {
        const changedAt = await directory.passwordChangedAt(intent.accountId);
        const superseded = await store.read((db) => passwordChangeRows.completedAfter(db, intent.accountId, intent.startedAt));
        if (changedAt !== null && changedAt.toISOString() >= intent.startedAt && !superseded) {
          // Not linked to a stored hash: the directory may have moved on since, and an unlinked hash is only verified.
          const notice = await store.run((tx) => complete(tx, intent, true, null, config.languages.default));
          if (notice !== null) completed += 1;
          if (notice === 'queued') deps.onNoticesQueued?.();
        } else {
          await abandon(intent, superseded ? 'superseded' : 'directory_unchanged');
          abandoned += 1;
        }
      }
      return { completed, abandoned };
    },
  };
}

export type PasswordChanger = ReturnType<typeof createPasswordChanger>;
