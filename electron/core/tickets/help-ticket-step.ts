import { fail } from '../../../shared/ipc/result.js';
import type { HelpTicketStep } from '../technician/technician-desk.js';

// SKELETON: replaced by the help-ticket work (a ticket for any typed name alike, from the walk-up session).
export function createHelpTicketStep(): HelpTicketStep {
  return { create: async () => fail('NOT_AVAILABLE') };
}
