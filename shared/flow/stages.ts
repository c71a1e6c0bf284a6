/**
 * The walk-up journey as a union keyed on its stage. Main owns the authoritative stage; the renderer
 * only shows what main reports, so it cannot skip or repeat a stage.
 */
export type VerificationMethod = 'email' | 'sms';
export type Purpose = 'reset';

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

/** Whether a notice of the change is waiting to be sent to the person's registered addresses. */
export type NoticeState = 'queued' | 'none';

/**
 * The name typed at the start is not part of any view before a proof: it may be a password typed in
 * the wrong box, and a screen must not keep showing it. After a proof the account's own username is shown.
 */
export type SessionView =
  | { stage: 'identify' }
  | { stage: 'choose_method'; purpose: Purpose; methods: VerificationMethod[] }
  | {
      stage: 'code_sent';
      purpose: Purpose;
      method: VerificationMethod;
      delivery: DeliveryState;
      codeLength: number;
      expiresInSeconds: number;
    }
  | { stage: 'new_password'; purpose: Purpose; username: string }
  | { stage: 'done'; purpose: Purpose; outcome: ChangeOutcome; notice: NoticeState; returnAfterSeconds: number };

export type Stage = SessionView['stage'];

/** Allowed moves, in one table. `identify` is always reachable: "Start over" and the time limits. */
export const nextStages: Readonly<Record<Stage, readonly Stage[]>> = {
  identify: ['choose_method'],
  choose_method: ['code_sent', 'identify'],
  code_sent: ['code_sent', 'new_password', 'identify'],
  new_password: ['done', 'identify'],
  done: ['identify'],
};

export function canMove(from: Stage, to: Stage): boolean {
  return to === 'identify' || nextStages[from].includes(to);
}

export function missingCaseError(value: never): Error {
  return new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
