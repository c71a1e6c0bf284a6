import type { SessionView } from '../../../shared/flow/stages.js';
import type { Result } from '../../../shared/ipc/result.js';
import type { AssistKind, AssistProgress, TechnicianView } from '../../../shared/technician/technician-view.js';

/**
 * What the technician channels call. Two halves over one TechnicianSession: who is signed in
 * (technician-access.ts) and the person being helped (technician-cases.ts). Every answer is the whole
 * TechnicianView, so the console never has to piece state together.
 */
export interface TechnicianAccess {
  view(): Promise<Result<TechnicianView>>;
  /** Password (argon2id) and a code from the technician's app; throttled per typed name; audited. */
  signIn(username: string, password: string, code: string): Promise<Result<TechnicianView>>;
  signOut(): Promise<Result<TechnicianView>>;
  stillHere(): Promise<Result<TechnicianView>>;
  /** Allowed with a technician session open, or the admin PIN (config kiosk.adminPinHash); audited. */
  quit(pin: string | undefined): Promise<Result<{ quitting: true }>>;
}

export type LookUp = { username: string } | { ticket: string };

export interface TechnicianCases {
  lookUp(by: LookUp): Promise<Result<TechnicianView>>;
  recordIdCheck(document: string): Promise<Result<TechnicianView>>;
  unlock(): Promise<Result<TechnicianView>>;
  clearBlocks(): Promise<Result<TechnicianView>>;
  assist(kind: AssistKind): Promise<Result<TechnicianView>>;
  endAssist(): Promise<Result<TechnicianView>>;
  closeCase(): Promise<Result<TechnicianView>>;
  /** The technician's side of the person-only step, for every TechnicianView; null when none runs. */
  assistProgress(): AssistProgress | null;
  /** The technician session ended (sign-out, idle): any person-only step it started ends with it. */
  technicianLeft(): Promise<void>;
}

/** "Get a help ticket" on the public screens (a walk-up step, not a technician one). */
export interface HelpTicketStep {
  create(): Promise<Result<SessionView>>;
}
