import type { ProofMethod, RegisteredMethod, Stage } from '../flow/stages.js';

/**
 * Technician mode as the renderer sees it. Main holds the technician session (who, since when, the
 * person being helped, the ID check); this view is derived from it and never carries a password, a
 * code, a hash or a secret: only what helps a technician help someone at the desk.
 */

export interface TechnicianIdentity {
  username: string;
  displayName: string;
}

/** A self-service block in force against the person (the throttles of config.throttle). */
export interface PersonBlock {
  kind: 'failed_proofs' | 'email_sends' | 'text_sends';
  /** ISO time the block ends by itself. */
  until: string;
}

/** What a technician sees about a person: name, state, masked methods, recent trouble. Nothing secret. */
export interface PersonSummary {
  username: string;
  displayName: string;
  locked: boolean;
  disabled: boolean;
  /** Masked, as the person sees them in registration. */
  methods: RegisteredMethod[];
  /** ISO time, or null when the directory does not say. */
  passwordChangedAt: string | null;
  /** Wrong codes (sent or from an app) counted against the person in the throttle's window. */
  recentFailedProofs: number;
  blocks: PersonBlock[];
}

/** One thing the kiosk saw during the self-service attempt a ticket was made from. */
export interface TicketEvent {
  /** ISO time. */
  at: string;
  /** The audit event, e.g. 'reset.begin', 'code.sent', 'code.wrong', 'proof.blocked'. */
  event: string;
  outcome: 'ok' | 'refused' | 'failed';
  method?: ProofMethod;
  /**
   * Why a step was refused, as the kiosk recorded it (e.g. 'wrong', 'throttled', 'expired',
   * 'channel_down'): lets the technician tell a wrong code from one typed while blocked.
   */
  reason?: string;
}

/** A help ticket as the technician sees it: what the kiosk saw, so the person need not explain. */
export interface TicketDetails {
  /** e.g. "K7P4QX": 6 characters from an alphabet without look-alikes. */
  code: string;
  /** The name exactly as the person typed it (shown to the technician only). */
  typedName: string;
  purpose: 'reset' | 'unlock';
  kioskId: string;
  createdAt: string;
  expiresAt: string;
  tried: TicketEvent[];
}

/** The identity check the technician recorded: the document's type only, never its number or image. */
export interface IdCheck {
  document: string;
  seenInPerson: true;
  checkedAt: string;
}

/**
 * What the technician started for the person on the kiosk's walk-up screens:
 * - reset: the person types a new password (no code);
 * - reset_with_code: a code goes to one of the person's registered methods first, typed by the person;
 * - enrol: the person sets up a first method (its code still goes to their own email or phone).
 */
export type AssistKind = 'reset' | 'reset_with_code' | 'enrol';

/**
 * The technician's side of an assisted step: only where the person is and whether the password they
 * are typing meets the policy (null before the first check). Never any of the password itself.
 */
export interface AssistProgress {
  kind: AssistKind;
  /** The walk-up session's stage ('identify' once it has ended). */
  stage: Stage;
  policyMet: boolean | null;
}

/** The result of the technician's last action, for a one-line "done" message. */
export type TechnicianActionResult =
  | { action: 'unlock'; outcome: 'unlocked' | 'not_locked' | 'not_unlocked' }
  | { action: 'clear_blocks'; cleared: number }
  | { action: 'assist_finished'; kind: AssistKind; outcome: 'changed' | 'not_changed' | 'enrolled' | 'not_enrolled' | 'ended' };

export type TechnicianView =
  | { signedIn: false }
  | {
      signedIn: true;
      technician: TechnicianIdentity;
      /** technician.idleSeconds: the console's countdown (main ends the session on its own too). */
      idleSeconds: number;
      /** The ID documents a technician can record (config technician.idDocuments). */
      idDocuments: string[];
      /** The person being helped; null before a lookup, or when a ticket's name is no account. */
      person: PersonSummary | null;
      /** The ticket looked up, if the case started from one. */
      ticket: TicketDetails | null;
      idCheck: IdCheck | null;
      assist: AssistProgress | null;
      lastAction: TechnicianActionResult | null;
    };
