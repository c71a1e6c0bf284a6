import type { DeliveryState, MethodChange, MethodKind, NoticeState, RegisteredMethod, SessionView } from '../../../shared/flow/stages.js';
import { missingCaseError } from '../../../shared/flow/stages.js';
import type { AppEnrolment } from '../authenticator/authenticator-types.js';
import type { AccountRecord } from '../ports.js';

/** What this kiosk offers in "Set up password reset and sign-in methods", fixed for the session. */
export interface RegistrationOffer {
  canAdd: MethodKind[];
  requiredMethods: number;
  requiredProofs: number;
}

interface SignedIn {
  purpose: 'register';
  startedAt: number;
  lastActiveAt: number;
  typedName: string;
  /** Signed in with the current password: the only way into registration. */
  account: AccountRecord;
  /** The account's methods as last read (masked; ids are the store's). */
  methods: RegisteredMethod[];
  offer: RegistrationOffer;
}

/** A new email or mobile waiting for the code sent to it. The full value never leaves main. */
export interface PendingContact {
  kind: 'email' | 'phone';
  /** The address, or the number in E.164. */
  value: string;
  /** What the screens show of it. */
  masked: string;
  replaces: RegisteredMethod | null;
}

/**
 * A proven change waiting for "Save". The app's secret lives here (main memory) from the moment the
 * enrolment screen is left until it is saved, encrypted, or the session ends.
 */
export type PendingChange =
  | { action: 'add'; contact: PendingContact }
  | { action: 'app'; secret: string; acceptedStep: number; replaces: RegisteredMethod | null }
  | { action: 'remove'; method: RegisteredMethod };

export type RegistrationState =
  | (SignedIn & { stage: 'methods'; saved: { change: MethodChange; notice: NoticeState } | null })
  | (SignedIn & { stage: 'method_code'; pending: PendingContact; challengeId: string; expiresAt: Date; delivery: DeliveryState })
  | (SignedIn & { stage: 'app_setup'; enrolment: AppEnrolment; replaces: RegisteredMethod | null })
  | (SignedIn & { stage: 'method_review'; change: PendingChange; shown: MethodChange });

export function registrationView(
  state: RegistrationState,
  details: { codeLength: number; secondsLeft: (expiresAt: Date) => number },
): SessionView {
  switch (state.stage) {
    case 'methods':
      return {
        stage: 'methods',
        purpose: 'register',
        username: state.account.username,
        methods: state.methods.map((method) => ({ ...method })),
        canAdd: [...state.offer.canAdd],
        requiredMethods: state.offer.requiredMethods,
        requiredProofs: state.offer.requiredProofs,
        saved: state.saved,
      };
    case 'method_code':
      return {
        stage: 'method_code',
        purpose: 'register',
        kind: state.pending.kind,
        masked: state.pending.masked,
        delivery: state.delivery,
        codeLength: details.codeLength,
        expiresInSeconds: details.secondsLeft(state.expiresAt),
      };
    case 'app_setup': {
      // The one view that carries the secret: the enrolment screen.
      const { otpauthUri, secretGroups, qr, issuer, accountLabel, digits, periodSeconds } = state.enrolment;
      return { stage: 'app_setup', purpose: 'register', otpauthUri, secretGroups, qr, issuer, accountLabel, digits, periodSeconds };
    }
    case 'method_review':
      return { stage: 'method_review', purpose: 'register', change: state.shown };
    default:
      throw missingCaseError(state);
  }
}
