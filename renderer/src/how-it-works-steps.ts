import { missingCaseError, type Purpose, type ProofMethod } from '../../shared/flow/stages.js';
import type { MessageId } from '../../shared/i18n/catalogues.js';

/** The pictures of the "How this works" steps (components/HowItWorksIcons.tsx draws each). */
export type StepPicture = 'person' | 'envelope' | 'keypad' | 'key' | 'unlocked' | 'signIn' | 'tick' | 'phone' | 'shield';

export interface HowItWorksStep {
  picture: StepPicture;
  title: MessageId;
  text: MessageId;
}

const username: HowItWorksStep = { picture: 'person', title: 'help.step.username.title', text: 'help.step.username.text' };
const typeCode: HowItWorksStep = { picture: 'keypad', title: 'help.step.typeCode.title', text: 'help.step.typeCode.text' };
const newPassword: HowItWorksStep = { picture: 'key', title: 'help.step.newPassword.title', text: 'help.step.newPassword.text' };
const signIn: HowItWorksStep = { picture: 'signIn', title: 'help.step.signIn.title', text: 'help.step.signIn.text' };

/** "Get a code" says the app too only where this kiosk offers it (KioskInfo.proofMethods). */
function getCode(methods: readonly ProofMethod[]): HowItWorksStep {
  return { picture: 'envelope', title: 'help.step.getCode.title', text: methods.includes('app') ? 'help.step.getCode.textWithApp' : 'help.step.getCode.text' };
}

/**
 * Each journey in three or four steps, as the service page's clips show them (reset and unlock by
 * email or text, changing a known password, registering), in the order the kiosk's screens come.
 */
export function howItWorksSteps(purpose: Purpose, methods: readonly ProofMethod[]): HowItWorksStep[] {
  switch (purpose) {
    case 'reset':
      return [username, getCode(methods), typeCode, newPassword];
    case 'unlock':
      return [username, getCode(methods), typeCode, { picture: 'unlocked', title: 'help.step.unlocked.title', text: 'help.step.unlocked.text' }];
    case 'change':
      return [signIn, newPassword, { picture: 'tick', title: 'help.step.changed.title', text: 'help.step.changed.text' }];
    case 'register':
      return [
        signIn,
        { picture: 'phone', title: 'help.step.addMethod.title', text: 'help.step.addMethod.text' },
        { picture: 'envelope', title: 'help.step.confirmMethod.title', text: 'help.step.confirmMethod.text' },
        { picture: 'shield', title: 'help.step.ready.title', text: 'help.step.ready.text' },
      ];
    default:
      throw missingCaseError(purpose);
  }
}

/** What to have ready before starting, said under the heading. */
export const howItWorksLeadIds: Record<Purpose, MessageId> = {
  reset: 'help.lead.code',
  unlock: 'help.lead.code',
  change: 'help.lead.change',
  register: 'help.lead.register',
};
