/**
 * The walk-up journey as a union keyed on its stage. Main owns the authoritative stage; the renderer
 * only shows what main reports, so it cannot skip or repeat a stage.
 */
export type VerificationMethod = 'email' | 'sms';
export type Purpose = 'reset';

/** Delivery is only ever reported as pending or failed: "sent" would reveal that the account exists. */
export type DeliveryState = 'pending' | 'failed';

export type SessionView =
  | { stage: 'identify' }
  | { stage: 'choose_method'; purpose: Purpose; username: string; methods: VerificationMethod[] }
  | {
      stage: 'code_sent';
      purpose: Purpose;
      username: string;
      method: VerificationMethod;
      delivery: DeliveryState;
      codeLength: number;
      expiresInSeconds: number;
    }
  | { stage: 'new_password'; purpose: Purpose; username: string }
  | { stage: 'done'; purpose: Purpose; returnAfterSeconds: number };

export type Stage = SessionView['stage'];

/** Allowed moves, in one table. `identify` is always reachable: "Start over" and the time limit. */
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
