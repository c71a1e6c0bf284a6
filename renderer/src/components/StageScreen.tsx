import { missingCaseError } from '../../../shared/flow/stages.js';
import { BlockedScreen } from '../screens/BlockedScreen.js';
import { ChooseMethodScreen } from '../screens/ChooseMethodScreen.js';
import { CodeSentScreen } from '../screens/CodeSentScreen.js';
import { DoneScreen } from '../screens/DoneScreen.js';
import { HelpTicketScreen } from '../screens/HelpTicketScreen.js';
import { HowItWorksScreen } from '../screens/HowItWorksScreen.js';
import { MenuScreen } from '../screens/MenuScreen.js';
import { NewPasswordScreen } from '../screens/NewPasswordScreen.js';
import { SignInScreen } from '../screens/SignInScreen.js';
import { UsernameScreen } from '../screens/UsernameScreen.js';
import { useFlow } from '../stores/bound-stores.js';
import { useWords } from '../i18n/use-words.js';
import { RegistrationStage } from './RegistrationStage.js';
import { SessionUnavailable } from './SessionUnavailable.js';

/** Shows whatever stage main reports; the renderer never decides the stage itself. */
export function StageScreen() {
  const view = useFlow((s) => s.view);
  const error = useFlow((s) => s.error);
  const { t } = useWords();

  if (view === null) return error === null ? <p className="loading">{t('common.loading')}</p> : <SessionUnavailable error={error} />;
  switch (view.stage) {
    case 'identify':
      return <StartStage />;
    case 'choose_method':
      return <ChooseMethodScreen key={view.proof.number} purpose={view.purpose} methods={view.methods} proof={view.proof} />;
    case 'code_sent':
      return <CodeSentScreen view={view} />;
    case 'new_password':
      return <NewPasswordScreen purpose={view.purpose} username={view.username} />;
    case 'done':
      return <DoneScreen view={view} />;
    case 'blocked':
      return <BlockedScreen view={view} />;
    case 'ticket':
      return <HelpTicketScreen view={view} />;
    case 'methods':
    case 'method_code':
    case 'app_setup':
    case 'method_review':
      return <RegistrationStage view={view} />;
    default:
      throw missingCaseError(view);
  }
}

/** Main's start stage: the menu, or the first screen of the journey chosen on it (the renderer's own choice). */
function StartStage() {
  const choice = useFlow((s) => s.choice);
  const helpFor = useFlow((s) => s.helpFor);
  switch (choice) {
    case null:
      return helpFor === null ? <MenuScreen /> : <HowItWorksScreen key={helpFor} purpose={helpFor} />;
    case 'reset':
    case 'unlock':
      return <UsernameScreen key={choice} purpose={choice} />;
    case 'change':
    case 'register':
      return <SignInScreen key={choice} purpose={choice} />;
    default:
      throw missingCaseError(choice);
  }
}
