/**
 * The walk-up journeys as a union keyed on their stage. Main owns the authoritative stage; the
 * renderer only shows what main reports, so it cannot skip or repeat a stage.
 */
export type VerificationMethod = 'email' | 'sms';

/**
 * Why the person walked up: reset a forgotten password, unlock the account without changing the
 * password, or change a password they know.
 */
export type Purpose = 'reset' | 'unlock' | 'change';
/** The journeys that prove identity with a one-time code. */
export type CodePurpose = Extract<Purpose, 'reset' | 'unlock'>;
/** The journeys that end in choosing a new password. */
export type PasswordPurpose = Extract<Purpose, 'reset' | 'change'>;

/**
 * Delivery is only ever reported as pending or failed, and "failed" only when the channel itself is
 * down for everyone: a per-recipient result would reveal that the account exists.
 */
export type DeliveryState = 'pending' | 'failed';

/**
 * How a password change ended, in the person's terms:
 * - changed: done, and the kiosk's records and notice are in place;
 * - changed_records_pending: done, but the kiosk could not finish its records yet (it will by itself);
 * - not_changed: nothing changed (the person may try again later);
 * - unconfirmed: the directory did not say whether it took the change.
 */
export type ChangeOutcome = 'changed' | 'changed_records_pending' | 'not_changed' | 'unconfirmed';

/**
 * How an unlock ended: unlocked; the account was not locked, so nothing changed (said only after a
 * proof, so it tells a stranger nothing); or the directory could not unlock it.
 */
export type UnlockOutcome = 'unlocked' | 'not_locked' | 'not_unlocked';

/** Whether a notice of the change is waiting to be sent to the person's registered addresses. */
export type NoticeState = 'queued' | 'none';

/**
 * The name typed at the start is not part of any view before a proof: it may be a password typed in
 * the wrong box, and a screen must not keep showing it. After a proof the account's own username is shown.
 */
export type SessionView =
  | { stage: 'identify' }
  | { stage: 'choose_method'; purpose: CodePurpose; methods: VerificationMethod[] }
  | {
      stage: 'code_sent';
      purpose: CodePurpose;
      method: VerificationMethod;
      delivery: DeliveryState;
      codeLength: number;
      expiresInSeconds: number;
    }
  | { stage: 'new_password'; purpose: PasswordPurpose; username: string }
  | { stage: 'done'; purpose: PasswordPurpose; outcome: ChangeOutcome; notice: NoticeState; returnAfterSeconds: number }
  | { stage: 'done'; purpose: 'unlock'; outcome: UnlockOutcome; notice: NoticeState; returnAfterSeconds: number };

export type Stage = SessionView['stage'];

/**
 * Every allowed move, per journey, in one table. A journey can only move along its own stages, and
 * `identify` (the start) is always reachable: "Start over" and the time limits. `identify` lists the
 * first stage each journey enters from the start screen.
 */
export const journeyStages: Readonly<Record<Purpose, Readonly<Partial<Record<Stage, readonly Stage[]>>>>> = {
  reset: {
    identify: ['choose_method'],
    choose_method: ['code_sent'],
    code_sent: ['code_sent', 'new_password'],
    new_password: ['done'],
    done: [],
  },
  unlock: {
    identify: ['choose_method'],
    choose_method: ['code_sent'],
    code_sent: ['code_sent', 'done'],
    done: [],
  },
  change: {
    identify: ['new_password'],
    new_password: ['done'],
    done: [],
  },
};

export function canMove(purpose: Purpose, from: Stage, to: Stage): boolean {
  if (to === 'identify') return true;
  return journeyStages[purpose][from]?.includes(to) ?? false;
}

export function missingCaseError(value: never): Error {
  return new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
