/**
 * The walk-up journeys as a union keyed on their stage. Main owns the authoritative stage; the
 * renderer only shows what main reports, so it cannot skip or repeat a stage.
 */
export type VerificationMethod = 'email' | 'sms';
/** How a person can prove who they are: a code the kiosk sends (email, text) or one their authenticator app makes. */
export type ProofMethod = VerificationMethod | 'app';

/**
 * Why the person walked up: reset a forgotten password, unlock the account without changing the
 * password, or change a password they know.
 */
export type Purpose = 'reset' | 'unlock' | 'change' | 'register';
/** The journeys that prove identity with a one-time code. */
export type CodePurpose = Extract<Purpose, 'reset' | 'unlock'>;
/** The journeys that end in choosing a new password. */
export type PasswordPurpose = Extract<Purpose, 'reset' | 'change'>;

/**
 * Delivery is only ever reported as pending or failed, and "failed" only when the channel itself is
 * down for everyone: a per-recipient result would reveal that the account exists. `in_app`: nothing is
 * sent, the person's authenticator app makes the code.
 */
export type DeliveryState = 'pending' | 'failed' | 'in_app';

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
  | {
      stage: 'choose_method';
      purpose: CodePurpose;
      methods: ProofMethod[];
      /** Which proof this is (1 of 1, or 1 of 2 / 2 of 2 when reset.requiredProofs is 2). */
      proof: { number: number; of: number };
    }
  | {
      stage: 'code_sent';
      purpose: CodePurpose;
      method: ProofMethod;
      delivery: DeliveryState;
      codeLength: number;
      expiresInSeconds: number;
    }
  | { stage: 'new_password'; purpose: PasswordPurpose; username: string }
  | { stage: 'done'; purpose: PasswordPurpose; outcome: ChangeOutcome; notice: NoticeState; returnAfterSeconds: number }
  | { stage: 'done'; purpose: 'unlock'; outcome: UnlockOutcome; notice: NoticeState; returnAfterSeconds: number }
  | BlockedView
  | HelpTicketView
  | RegistrationView;

/**
 * "Too many tries": the typed name reached the failed-proof limit (an unknown name the same way as a
 * real one), so no proof, new code or method is taken until `until` (ISO time). An end state: the
 * person can only finish (or, in reset and unlock, ask for a help ticket). In registration it is the
 * signed-in person's own account whose codes are paused.
 */
export interface BlockedView {
  stage: 'blocked';
  purpose: CodePurpose | 'register';
  until: string;
}

/**
 * "Get a help ticket": offered when no code comes, after a block, or when the person is probably not
 * registered. Made for any typed name alike (an unknown name gets one too), so it reveals nothing;
 * the technician looks it up and sees what the kiosk saw.
 */
export interface HelpTicketView {
  stage: 'ticket';
  purpose: CodePurpose;
  /** Shown large, e.g. "K7P4QX" (6 characters, no look-alikes such as 0/O or 1/I). */
  ticket: string;
  /** ISO time the ticket stops working (config technician.ticketMinutes after it was made). */
  expiresAt: string;
}

/** A way to prove identity that a person registers: personal email, mobile for texts, authenticator app. */
export type MethodKind = 'email' | 'phone' | 'app';

/** One registered method as the person sees it: masked, never the full value. */
export interface RegisteredMethod {
  /** Opaque to the renderer, e.g. "email:12"; main checks it belongs to the signed-in account. */
  id: string;
  kind: MethodKind;
  /** `a•••n@h•••.example`, `+44 •••• ••• 321`, or "" for an app. */
  masked: string;
  /** When it was verified (ISO time): "set up on 3 March". */
  addedAt: string;
}

/** The change waiting to be confirmed (or just saved). */
export type MethodChange =
  | { action: 'add'; kind: MethodKind; masked: string }
  | { action: 'replace'; kind: MethodKind; masked: string; replacesMasked: string }
  | { action: 'remove'; kind: MethodKind; masked: string };

/** A QR code as rows of '0'/'1' modules (dark = '1'), drawn by the renderer as SVG. */
export interface QrMatrix {
  size: number;
  rows: string[];
}

/** What the enrolment screen shows to set up an authenticator app: on that screen only. */
export interface AppSetupDetails {
  /** After this screen, the secret never leaves main again. */
  otpauthUri: string;
  /** The base32 secret in groups of four, for typing into an app by hand. */
  secretGroups: string;
  qr: QrMatrix;
  issuer: string;
  accountLabel: string;
  digits: number;
  periodSeconds: number;
}

/**
 * "Set up password reset and sign-in methods": signed in with the current password, the person sees
 * their methods and adds, changes or removes one at a time. Each new method is proven (a code sent to
 * it, or a code from the app) and reviewed before it is saved.
 */
export type RegistrationView =
  | {
      stage: 'methods';
      purpose: 'register';
      username: string;
      methods: RegisteredMethod[];
      /** The kinds this kiosk can add (a text provider may be off; app may be unavailable). */
      canAdd: MethodKind[];
      requiredMethods: number;
      requiredProofs: number;
      /** The change saved by the last step, for a "saved" message; null otherwise. */
      saved: { change: MethodChange; notice: NoticeState } | null;
    }
  | {
      stage: 'method_code';
      purpose: 'register';
      kind: 'email' | 'phone';
      masked: string;
      delivery: DeliveryState;
      codeLength: number;
      expiresInSeconds: number;
    }
  | ({ stage: 'app_setup'; purpose: 'register' } & AppSetupDetails)
  | { stage: 'method_review'; purpose: 'register'; change: MethodChange };

export type Stage = SessionView['stage'];

/**
 * Every allowed move, per journey, in one table. A journey can only move along its own stages, and
 * `identify` (the start) is always reachable: "Start over" and the time limits. `identify` lists the
 * first stage each journey enters from the start screen.
 */
export const journeyStages: Readonly<Record<Purpose, Readonly<Partial<Record<Stage, readonly Stage[]>>>>> = {
  // code_sent straight from the start (or after a proof): only one method is offered, so it is chosen;
  // blocked: a proof, a code request or the app was refused because the name reached its limit.
  reset: {
    // new_password straight from the start: only an assisted reset, after a technician's ID check
    identify: ['choose_method', 'code_sent', 'blocked', 'new_password'],
    choose_method: ['code_sent', 'blocked', 'ticket'],
    code_sent: ['code_sent', 'choose_method', 'blocked', 'new_password', 'ticket'],
    new_password: ['done'],
    done: [],
    blocked: ['ticket'],
    ticket: [],
  },
  unlock: {
    identify: ['choose_method', 'code_sent', 'blocked'],
    choose_method: ['code_sent', 'blocked', 'ticket'],
    // back to choose_method: the second of two proofs (reset.requiredProofs: 2)
    code_sent: ['code_sent', 'choose_method', 'blocked', 'done', 'ticket'],
    done: [],
    blocked: ['ticket'],
    ticket: [],
  },
  change: {
    identify: ['new_password'],
    new_password: ['done'],
    done: [],
  },
  register: {
    // signed in with the current password, or (enrol) after a technician's ID check
    identify: ['methods'],
    // blocked: a code (sent or from the app) or a code request was refused because the account
    // reached its failed-proof limit; nothing is taken after it, and no help ticket (the person is signed in).
    methods: ['methods', 'method_code', 'app_setup', 'method_review', 'blocked'],
    method_code: ['method_code', 'method_review', 'methods', 'blocked'],
    app_setup: ['method_review', 'methods', 'blocked'],
    method_review: ['methods'],
    blocked: [],
  },
};

export function canMove(purpose: Purpose, from: Stage, to: Stage): boolean {
  if (to === 'identify') return true;
  return journeyStages[purpose][from]?.includes(to) ?? false;
}

export function missingCaseError(value: never): Error {
  return new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
