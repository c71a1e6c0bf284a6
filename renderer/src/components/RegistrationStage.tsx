import { missingCaseError, type RegistrationView } from '../../../shared/flow/stages.js';
import { AddEmailScreen } from '../screens/registration/AddEmailScreen.js';
import { AddPhoneScreen } from '../screens/registration/AddPhoneScreen.js';
import { AppSetupScreen } from '../screens/registration/AppSetupScreen.js';
import { MethodCodeScreen } from '../screens/registration/MethodCodeScreen.js';
import { MethodReviewScreen } from '../screens/registration/MethodReviewScreen.js';
import { MethodsScreen } from '../screens/registration/MethodsScreen.js';
import { useFlow } from '../stores/bound-stores.js';

/**
 * The stages of "Set up password reset and sign-in methods". The add-email and add-phone forms are
 * the page's own screens on main's `methods` stage: main hears of the address only when it is sent.
 */
export function RegistrationStage({ view }: { view: RegistrationView }) {
  const form = useFlow((s) => s.methodForm);
  switch (view.stage) {
    case 'methods': {
      if (form === null) return <MethodsScreen view={view} />;
      const replacing = view.methods.find((method) => method.id === form.replaces) ?? null;
      return form.kind === 'email' ? (
        <AddEmailScreen key={form.replaces ?? 'new'} replacing={replacing} />
      ) : (
        <AddPhoneScreen key={form.replaces ?? 'new'} replacing={replacing} />
      );
    }
    case 'method_code':
      return <MethodCodeScreen view={view} />;
    case 'app_setup':
      return <AppSetupScreen view={view} />;
    case 'method_review':
      return <MethodReviewScreen change={view.change} />;
    default:
      throw missingCaseError(view);
  }
}
