import { missingCaseError } from '../../../shared/flow/stages.js';
import { ChooseMethodScreen } from '../screens/ChooseMethodScreen.js';
import { CodeSentScreen } from '../screens/CodeSentScreen.js';
import { DoneScreen } from '../screens/DoneScreen.js';
import { NewPasswordScreen } from '../screens/NewPasswordScreen.js';
import { StartScreen } from '../screens/StartScreen.js';
import { useFlow } from '../stores/bound-stores.js';
import { SessionUnavailable } from './SessionUnavailable.js';

/** Shows whatever stage main reports; the renderer never decides the stage itself. */
export function StageScreen() {
  const view = useFlow((s) => s.view);
  const error = useFlow((s) => s.error);

  if (view === null) return error === null ? <p className="loading">Loading…</p> : <SessionUnavailable error={error} />;
  switch (view.stage) {
    case 'identify':
      return <StartScreen />;
    case 'choose_method':
      return <ChooseMethodScreen methods={view.methods} />;
    case 'code_sent':
      return <CodeSentScreen view={view} />;
    case 'new_password':
      return <NewPasswordScreen username={view.username} />;
    case 'done':
      return <DoneScreen outcome={view.outcome} notice={view.notice} returnAfterSeconds={view.returnAfterSeconds} />;
    default:
      throw missingCaseError(view);
  }
}
