import type { DeliveryState, Purpose, SessionView, VerificationMethod } from '../../../shared/flow/stages.js';
import { missingCaseError } from '../../../shared/flow/stages.js';
import type { AccountRecord } from '../ports.js';

/**
 * The one walk-up session of this kiosk, held in main memory only. The renderer sees a SessionView
 * derived from it; the challenge id and account id never leave main.
 */
export type SessionState =
  | { stage: 'identify' }
  | { stage: 'choose_method'; purpose: Purpose; username: string; startedAt: number }
  | {
      stage: 'code_sent';
      purpose: Purpose;
      username: string;
      startedAt: number;
      method: VerificationMethod;
      challengeId: string;
      accountId: number | null;
      delivery: DeliveryState;
      expiresAt: Date;
    }
  | { stage: 'new_password'; purpose: Purpose; username: string; startedAt: number; account: AccountRecord }
  | { stage: 'done'; purpose: Purpose; startedAt: number };

export const idleSession: SessionState = { stage: 'identify' };

export function hasOutlived(state: SessionState, nowMs: number, sessionMinutes: number): boolean {
  return state.stage !== 'identify' && nowMs >= state.startedAt + sessionMinutes * 60_000;
}

export function toSessionView(
  state: SessionState,
  details: { methods: VerificationMethod[]; codeLength: number; secondsLeft: (expiresAt: Date) => number; returnAfterSeconds: number },
): SessionView {
  switch (state.stage) {
    case 'identify':
      return { stage: 'identify' };
    case 'choose_method':
      return { stage: 'choose_method', purpose: state.purpose, username: state.username, methods: details.methods };
    case 'code_sent':
      return {
        stage: 'code_sent',
        purpose: state.purpose,
        username: state.username,
        method: state.method,
        delivery: state.delivery,
        codeLength: details.codeLength,
        expiresInSeconds: details.secondsLeft(state.expiresAt),
      };
    case 'new_password':
      return { stage: 'new_password', purpose: state.purpose, username: state.username };
    case 'done':
      return { stage: 'done', purpose: state.purpose, returnAfterSeconds: details.returnAfterSeconds };
    default:
      throw missingCaseError(state);
  }
}
