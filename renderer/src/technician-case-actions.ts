import type { AssistKind, TechnicianView } from '../../shared/technician/technician-view.js';

type SignedIn = Extract<TechnicianView, { signedIn: true }>;

export type CaseAction = 'unlock' | 'clear_blocks' | AssistKind;

/**
 * Which actions the console offers for the case in hand. Main refuses anything out of turn anyway
 * (ID_CHECK_REQUIRED, NOT_REGISTERED, ...); this only keeps buttons that cannot help from inviting a tap.
 */
export function availableActions(view: SignedIn): Record<CaseAction, boolean> {
  const person = view.person;
  const ready = person !== null && view.idCheck !== null && view.assist === null;
  const canChangePassword = ready && !person.disabled;
  const sendable = person?.methods.some((method) => method.kind === 'email' || method.kind === 'phone') ?? false;
  return {
    unlock: ready && person.locked,
    clear_blocks: ready && (person.blocks.length > 0 || person.recentFailedProofs > 0),
    reset: canChangePassword,
    reset_with_code: canChangePassword && sendable,
    enrol: canChangePassword && person.methods.length === 0,
  };
}
