import { StageScreen } from '../components/StageScreen.js';
import { useFlow, useTechnician } from '../stores/bound-stores.js';
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
  const finished = useTechnician((s) => s.finishedAssist);
  // Main closes the step as the person reaches its result; they still read it until it clears itself.
  const personReading = useFlow((s) => s.view?.stage === 'done');
  if (view !== null) {
    const progress = view.assist ?? (personReading ? finished : null);
    return progress === null ? <TechnicianConsole view={view} /> : <AssistLayout view={view} progress={progress} finished={view.assist === null} />;
  }
  return signInOpen ? <TechnicianSignInScreen /> : <StageScreen />;
}

/** Whether the public screens (and so the discreet way into technician mode) are showing. */
export function usePublicScreens(): boolean {
  return useTechnician((s) => signedInView(s.view) === null && !s.signInOpen);
}
