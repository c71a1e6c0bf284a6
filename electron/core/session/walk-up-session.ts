import type {
  ChangeOutcome,
  CodePurpose,
  DeliveryState,
  NoticeState,
  PasswordPurpose,
  ProofMethod,
  SessionView,
  UnlockOutcome,
} from '../../../shared/flow/stages.js';
import { missingCaseError } from '../../../shared/flow/stages.js';
import type { AccountRecord } from '../ports.js';
import { registrationView, type RegistrationState } from './registration-state.js';

interface Common {
  startedAt: number;
  /** Last time the person did something (a step, a keystroke reported by the page); polls do not count. */
  lastActiveAt: number;
}

/**
 * The proofs of identity accepted so far in this session (reset.requiredProofs 2 asks for two, by
 * different methods, of one account).
 */
export interface ProofProgress {
  /** How many proofs were accepted. */
  accepted: number;
  /** The account they proved; null before the first. */
  accountId: number | null;
  /** Methods not offered again: used for an accepted proof, or refused as still cooling off. */
  spent: ProofMethod[];
}

export const noProofsYet: ProofProgress = { accepted: 0, accountId: null, spent: [] };

/**
 * The one walk-up session of this kiosk, held in main memory only. The renderer sees a SessionView
 * derived from it; the typed name, the challenge id and the account id never leave main.
 */
export type SessionState =
  | { stage: 'identify' }
  | (Common & { stage: 'choose_method'; purpose: CodePurpose; typedName: string; proofs: ProofProgress })
  | (Common & {
      stage: 'code_sent';
      purpose: CodePurpose;
      typedName: string;
      proofs: ProofProgress;
      method: ProofMethod;
      /** The code's challenge; null for an authenticator app, whose codes are not issued by the kiosk. */
      challengeId: string | null;
      delivery: DeliveryState;
      /** The code's expiry; for an app (whose codes roll every 30 s), the session's own end. */
      expiresAt: Date;
    })
  | (Common & { stage: 'new_password'; purpose: PasswordPurpose; typedName: string; account: AccountRecord })
  | (Common & { stage: 'done'; purpose: PasswordPurpose; outcome: ChangeOutcome; notice: NoticeState })
  | (Common & { stage: 'done'; purpose: 'unlock'; outcome: UnlockOutcome; notice: NoticeState })
  // "Too many tries": an end state until the session ends; the typed name stays for a help ticket and audits.
  // In registration the signed-in account is dropped with it: nothing after this step may use it.
  | (Common & { stage: 'blocked'; purpose: CodePurpose | 'register'; typedName: string; until: string })
  // "Get a help ticket": the typed name stays in main (audits of the session's end name it).
  | (Common & { stage: 'ticket'; purpose: CodePurpose; typedName: string; ticket: string; expiresAt: string })
  | RegistrationState;

export const idleSession: SessionState = { stage: 'identify' };

export interface SessionLimits {
  sessionMinutes: number;
  /** Main's own idle limit: the page's countdown plus a margin for its throttled activity reports. */
  idleSeconds: number;
}

/** Why a session must end now, whatever the page does: too long in all, or nobody there. */
export function endReason(state: SessionState, nowMs: number, limits: SessionLimits): 'time_limit' | 'idle' | null {
  if (state.stage === 'identify') return null;
  if (nowMs >= state.startedAt + limits.sessionMinutes * 60_000) return 'time_limit';
  if (nowMs >= state.lastActiveAt + limits.idleSeconds * 1000) return 'idle';
  return null;
}

export function toSessionView(
  state: SessionState,
  details: {
    methods: ProofMethod[];
    requiredProofs: number;
    codeLength: number;
    appCodeLength: number;
    secondsLeft: (expiresAt: Date) => number;
    returnAfterSeconds: number;
  },
): SessionView {
  switch (state.stage) {
    case 'identify':
      return { stage: 'identify' };
    case 'choose_method':
      return {
        stage: 'choose_method',
        purpose: state.purpose,
        methods: details.methods.filter((method) => !state.proofs.spent.includes(method)),
        proof: { number: state.proofs.accepted + 1, of: details.requiredProofs },
      };
    case 'code_sent':
      return {
        stage: 'code_sent',
        purpose: state.purpose,
        method: state.method,
        delivery: state.delivery,
        codeLength: state.method === 'app' ? details.appCodeLength : details.codeLength,
        expiresInSeconds: details.secondsLeft(state.expiresAt),
      };
    case 'new_password':
      return { stage: 'new_password', purpose: state.purpose, username: state.account.username };
    case 'done':
      return state.purpose === 'unlock'
        ? { stage: 'done', purpose: 'unlock', outcome: state.outcome, notice: state.notice, returnAfterSeconds: details.returnAfterSeconds }
        : { stage: 'done', purpose: state.purpose, outcome: state.outcome, notice: state.notice, returnAfterSeconds: details.returnAfterSeconds };
    case 'blocked':
      return { stage: 'blocked', purpose: state.purpose, until: state.until };
    case 'ticket':
      return { stage: 'ticket', purpose: state.purpose, ticket: state.ticket, expiresAt: state.expiresAt };
    case 'methods':
    case 'method_code':
    case 'app_setup':
    case 'method_review':
      return registrationView(state, details);
    default:
      throw missingCaseError(state);
  }
}
