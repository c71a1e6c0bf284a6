import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { ChangeOutcome, NoticeState, Purpose } from '../../../shared/flow/stages.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { describeError } from '../background-tasks.js';
import { isKioskFailure } from '../errors/kiosk-failure.js';
import type { NamePseudonym } from '../keys/name-pseudonym.js';
import type { AccountRecord, Clock, Directory } from '../ports.js';
import { contactRows } from '../store/contacts.js';
import { outboxRows } from '../store/outbox-rows.js';
import { passwordChangeRows, type PasswordChangeIntent } from '../store/password-change-rows.js';
import type { Store, Tx } from '../store/store.js';
import type { Throttle } from '../throttle/throttle.js';

export interface ChangeResult {
  outcome: ChangeOutcome;
  notice: NoticeState;
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
  /** Called after notices were queued, so the outbox can send them now rather than at its next pass. */
  onNoticesQueued?: () => void;
}) {
  const { store, directory, audit, throttle, pseudonym, clock, config, log } = deps;
  const kioskId = config.kiosk.id;

  /** The bookkeeping of a change that happened; false when another kiosk or pass already did it. */
  async function complete(tx: Tx, intent: PasswordChangeIntent, recovered: boolean): Promise<NoticeState | null> {
    if (!(await passwordChangeRows.finish(tx, intent.id, 'completed', clock.now().toISOString()))) return null;
    for (const subject of new Set([intent.nameKey, pseudonym(intent.username)])) {
      for (const scope of ['failedProofs', 'emailSends', 'smsSends'] as const) await throttle.reset(tx, scope, subject);
    }
    const recipients = await contactRows.verified(tx, intent.accountId, 'email');
    const payload = JSON.stringify({ username: intent.username, at: intent.startedAt, kioskId: intent.kioskId, kioskLocation: kioskId === intent.kioskId ? config.kiosk.location : '' });
    for (const recipient of recipients) {
      await outboxRows.add(tx, { kind: 'password_reset', channel: 'email', recipient, payload }, clock.now().toISOString());
    }
    await audit.record(tx, {
      event: `${intent.purpose}.password_set`,
      account: intent.username,
      outcome: 'ok',
      detail: { unlocked: intent.wasLocked, noticesQueued: recipients.length, ...(recovered ? { recovered: true, intentKiosk: intent.kioskId } : {}) },
    });
    return recipients.length > 0 ? 'queued' : 'none';
  }

  async function abandon(intent: PasswordChangeIntent, reason: string): Promise<void> {
    await store.run(async (tx) => {
      if (!(await passwordChangeRows.finish(tx, intent.id, 'abandoned', clock.now().toISOString()))) return;
      await audit.record(tx, { event: `${intent.purpose}.password_not_set`, account: intent.username, outcome: 'failed', detail: { reason } });
    });
  }

  return {
    async change(input: { account: AccountRecord; typedName: string; password: string; purpose: Purpose }): Promise<ChangeResult> {
      const { account, purpose } = input;
      const startedAt = clock.now().toISOString();
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
      // If even this cannot be written, nothing has changed: the error reaches the person as BUSY/UNAVAILABLE.
      intent.id = await store.run(async (tx) => {
        const id = await passwordChangeRows.start(tx, intent);
        await audit.record(tx, { event: `${purpose}.password_change_started`, account: account.username, outcome: 'ok', detail: { intent: id } });
        return id;
      });

      try {
        await directory.setPassword(account.id, input.password);
      } catch (error) {
        log(`password change ${intent.id}: directory write failed (${describeError(error)})`);
        // A store failure inside the embedded directory rolled back: nothing changed. Anything else
        // (a directory that went silent) may or may not have applied; recovery asks it later.
        if (!isKioskFailure(error)) return { outcome: 'unconfirmed', notice: 'none' };
        await abandon(intent, 'directory_write_failed').catch((abandonError: unknown) => log(`password change ${intent.id}: ${describeError(abandonError)}`));
        return { outcome: 'not_changed', notice: 'none' };
      }

      try {
        const notice = await store.run((tx) => complete(tx, intent, false));
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
          const notice = await store.run((tx) => complete(tx, intent, true));
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
