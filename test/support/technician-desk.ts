import type { TechnicianView } from '../../shared/technician/technician-view.js';
import { demoTechnician } from '../../electron/core/demo/demo-technician.js';
import { valueOf, type TestKiosk } from './core-kiosk.js';

/** The demo technician the test kiosk's demo seed holds: the session gate checks it is still active. */
export const testTechnician = { id: 1, username: demoTechnician.username, displayName: demoTechnician.displayName };
export const technicianActorName = `technician:${testTechnician.username}`;

/** Opens a technician session directly (the sign-in is technician-access's part, tested there). */
export function openTechnician(t: TestKiosk): void {
  t.kiosk.technician.session.open(testTechnician);
}

export type SignedInView = Extract<TechnicianView, { signedIn: true }>;

/** The signed-in TechnicianView of an ok answer. */
export function signedIn(result: Parameters<typeof valueOf<TechnicianView>>[0]): SignedInView {
  const view = valueOf(result);
  if (!view.signedIn) throw new Error('Expected a signed-in technician view');
  return view;
}

/** Looks a person up by username and records a passport check: ready to act on them. */
export async function checkedPerson(t: TestKiosk, username: string, document = 'Passport'): Promise<SignedInView> {
  signedIn(await t.call('technician:lookup', { username }));
  return signedIn(await t.call('technician:recordIdCheck', { document, seenInPerson: true }));
}

export interface AuditRow {
  seq: number;
  at: string;
  event: string;
  username: string | null;
  name_key: string | null;
  outcome: string;
  actor: string | null;
  detail: string;
}
