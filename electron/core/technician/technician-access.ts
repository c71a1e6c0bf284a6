import { fail } from '../../../shared/ipc/result.js';
import type { TechnicianAccess } from './technician-desk.js';
import type { TechnicianSession } from './technician-session.js';

// SKELETON: replaced by the technician-access work (sign-in with argon2id + TOTP, throttle, audit, quit).
export function createTechnicianAccess(deps: { session: TechnicianSession }): TechnicianAccess {
  const { session } = deps;
  return {
    view: () => session.run(async () => ({ ok: true as const, value: session.view(null) })),
    signIn: async () => fail('NOT_AVAILABLE'),
    signOut: () => session.run(async () => (await session.end('sign_out'), { ok: true as const, value: session.view(null) })),
    stillHere: () => session.run(async () => (session.touch(), { ok: true as const, value: session.view(null) })),
    quit: async () => fail('QUIT_REFUSED'),
  };
}
