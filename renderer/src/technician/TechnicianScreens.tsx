import { StageScreen } from '../components/StageScreen.js';
import { useTechnician } from '../stores/bound-stores.js';
import { signedInView } from '../stores/technician-store.js';
import { AssistLayout } from './AssistLayout.js';
import { TechnicianConsole } from './TechnicianConsole.js';
import { TechnicianSignInScreen } from './TechnicianSignInScreen.js';

/**
 * What the kiosk's main area shows: the console while a technician is signed in (or an assisted step
 * it started), the technician sign-in when it was opened, otherwise the public walk-up screens.
 */
export function KioskScreens() {
  const view = useTechnician((s) => signedInView(s.view));
  const signInOpen = useTechnician((s) => s.signInOpen);
  if (view !== null) return view.assist === null ? <TechnicianConsole view={view} /> : <AssistLayout view={view} progress={view.assist} />;
  return signInOpen ? <TechnicianSignInScreen /> : <StageScreen />;
}

/** Whether the public screens (and so the discreet way into technician mode) are showing. */
export function usePublicScreens(): boolean {
  return useTechnician((s) => signedInView(s.view) === null && !s.signInOpen);
}
