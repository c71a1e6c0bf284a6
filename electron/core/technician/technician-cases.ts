import { fail } from '../../../shared/ipc/result.js';
import type { TechnicianCases } from './technician-desk.js';
import type { TechnicianSession } from './technician-session.js';

// SKELETON: replaced by the technician-cases work (lookup, ID check, unlock, blocks, assisted steps).
export function createTechnicianCases(deps: { session: TechnicianSession }): TechnicianCases {
  void deps;
  const notYet = async () => fail<never>('NOT_AVAILABLE');
  return {
    lookUp: notYet,
    recordIdCheck: notYet,
    unlock: notYet,
    clearBlocks: notYet,
    assist: notYet,
    endAssist: notYet,
    closeCase: notYet,
    assistProgress: () => null,
    technicianLeft: async () => undefined,
  };
}
