import {
  missingCaseError,
  type ChangeOutcome,
  type CodePurpose,
  type NoticeState,
  type PasswordPurpose,
  type Purpose,
  type SessionView,
  type UnlockOutcome,
  type ProofMethod,
} from '../../shared/flow/stages.js';
import type { ErrorCode, ErrorDetails, KioskError } from '../../shared/ipc/result.js';
import type { PolicyRules } from '../../shared/policy/policy-config.js';
import { policyRuleCodes, type PolicyRuleCode } from '../../shared/policy/rule-codes.js';
import { humanDuration } from './human-duration.js';
import { untilWords } from './time-of-day.js';

/**
 * Every word the kiosk shows for a code lives here. The tables are typed Records over the shared
 * code lists, so a code added to rule-codes.ts or result.ts does not compile until it has words.
 * Nothing here ever receives a password or a one-time code, so nothing can echo one.
 */
export interface MessageContext {
  rules: PolicyRules;
  organisationName: string;
  /** e.g. "Service Desk": the place people are sent when the kiosk cannot help. */
  deskName: string;
}

type Words = (context: MessageContext) => string;

const onlyLettersAndDigits = (rules: PolicyRules) => rules.characterSet === 'letters_digits';

/** Checklist wording: what a good password does. Turns green item by item as the person types. */
export const ruleRequirements: Record<PolicyRuleCode, Words> = {
  too_short: ({ rules }) => `At least ${rules.minLength} characters`,
  too_long: ({ rules }) => `No more than ${rules.maxLength} characters`,
  needs_upper: () => 'At least one capital letter (A to Z)',
  needs_lower: () => 'At least one small letter (a to z)',
  needs_digit: () => 'At least one number (0 to 9)',
  forbidden_character: ({ rules }) =>
    onlyLettersAndDigits(rules) ? 'Only letters and numbers: no spaces or symbols such as % ! & @' : 'No invisible control characters',
  contains_username: () => 'Does not contain your username',
  contains_name: () => 'Does not contain your first or last name',
  contains_org_name: ({ organisationName }) => `Does not contain the name "${organisationName}"`,
  banned_term: () => 'Not a common word, name or pattern that is easy to guess',
  breached: () => 'Not found in lists of leaked passwords',
  built_on_sequence: () => 'Not built on a common sequence such as Abc, qwerty or 123456',
  built_on_word: () => 'Not built on a common word or name with numbers added',
  built_on_name: () => 'Not built on your name with numbers added',
  plus_year: () => 'Not made long enough with a year',
  plus_date: () => 'Not made long enough with a date',
  plus_number: () => 'Not made long enough with common numbers such as 123, 77 or 007',
  plus_repeat: () => 'Not made long enough by repeating a part',
  reused: () => 'Not a password you have used before',
  directory_quality: () => "Meets the organisation's own password rules",
  too_recent: () => 'Not changed again too soon after the last change',
};

/** Refusal wording: what is wrong with the password that was just refused, and how to fix it. */
export const ruleProblems: Record<PolicyRuleCode, Words> = {
  too_short: ({ rules }) => `It is shorter than ${rules.minLength} characters. Make it longer.`,
  too_long: ({ rules }) => `It is longer than ${rules.maxLength} characters. Make it shorter.`,
  needs_upper: () => 'It has no capital letter (A to Z). Add one.',
  needs_lower: () => 'It has no small letter (a to z). Add one.',
  needs_digit: () => 'It has no number (0 to 9). Add one.',
  forbidden_character: ({ rules }) =>
    onlyLettersAndDigits(rules)
      ? 'It has a space or a symbol. Use only letters and numbers.'
      : 'It has an invisible control character. Type it again without it.',
  contains_username: () => 'It contains your username. Leave your username out.',
  contains_name: () => 'It contains your first or last name. Leave your name out.',
  contains_org_name: ({ organisationName }) => `It contains the name "${organisationName}". Leave it out.`,
  banned_term: () => 'It is too easy to guess: it is built on a common word, name or pattern. Try a less obvious mix of words.',
  breached: () => 'It appears in lists of leaked passwords, which attackers try first. Choose a different one.',
  built_on_sequence: () => compositionProblem(['built_on_sequence']),
  built_on_word: () => compositionProblem(['built_on_word']),
  built_on_name: () => compositionProblem(['built_on_name']),
  plus_year: () => compositionProblem(['plus_year']),
  plus_date: () => compositionProblem(['plus_date']),
  plus_number: () => compositionProblem(['plus_number']),
  plus_repeat: () => compositionProblem(['plus_repeat']),
  reused: () => 'You have used it before. Choose one you have never used.',
  directory_quality: ({ deskName }) =>
    `The organisation's account system refused it under its own rules (for example a longer minimum length). Try a longer password, or visit the ${deskName}.`,
  too_recent: ({ deskName }) =>
    `Your password was changed too recently to be changed again yet. Please try again tomorrow, or visit the ${deskName}.`,
};

/**
 * The composition gate's codes name the parts of one guessable whole: what it is built on and what
 * pads it out. Said one by one they would read as separate faults, so wherever they appear together
 * (a refusal, the checklist) they become one sentence: "built on a common sequence plus a year".
 */
export const compositionCodes = ['built_on_sequence', 'built_on_word', 'built_on_name', 'plus_year', 'plus_date', 'plus_number', 'plus_repeat'] as const;
type CompositionCode = (typeof compositionCodes)[number];

const compositionPartWords: Record<CompositionCode, string> = {
  built_on_sequence: 'a common sequence',
  built_on_word: 'a common word or name',
  built_on_name: 'your name',
  plus_year: 'a year',
  plus_date: 'a date',
  plus_number: 'common numbers',
  plus_repeat: 'a repeated part',
};

export function isCompositionCode(code: string): code is CompositionCode {
  return (compositionCodes as readonly string[]).includes(code);
}

function listed(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] as string}`;
}

/** "built on a common sequence plus a year and common numbers"; only padding: "made of a year and a date". */
export function compositionWords(codes: readonly CompositionCode[]): string {
  const unique = compositionCodes.filter((code) => codes.includes(code));
  const stems = unique.filter((code) => code.startsWith('built_on_')).map((code) => compositionPartWords[code]);
  const padding = unique.filter((code) => code.startsWith('plus_')).map((code) => compositionPartWords[code]);
  if (stems.length === 0) return `made of ${listed(padding)}`;
  return padding.length === 0 ? `built on ${listed(stems)}` : `built on ${listed(stems)} plus ${listed(padding)}`;
}

export function compositionProblem(codes: readonly CompositionCode[]): string {
  return `It is too easy to guess: it is ${compositionWords(codes)}, which attackers try first. Try a less obvious mix of words.`;
}

/** The checklist's one line for the gate's verdict: "Not built on a common sequence plus a year". */
export function compositionRequirement(codes: readonly CompositionCode[]): string {
  const words = compositionWords(codes);
  return `Not ${words}`;
}

type ErrorWords = (details: ErrorDetails | undefined, context: MessageContext) => string;

function triesLeft(count: number): string {
  return count === 1 ? 'You have 1 try left.' : `You have ${count} tries left.`;
}

export const errorMessages: Record<ErrorCode, ErrorWords> = {
  FORBIDDEN: (_details, { deskName }) => `This kiosk refused that request. Please visit the ${deskName}.`,
  BAD_INPUT: () => 'Please check what you typed and try again.',
  UNKNOWN_CHANNEL: (_details, { deskName }) => `Something went wrong. Please start over, or visit the ${deskName}.`,
  WRONG_STAGE: () => 'That step is no longer available, so the screen has been brought up to date.',
  SESSION_EXPIRED: () => 'Your time ran out, so we have started again.',
  CODE_WRONG: (details) =>
    details?.triesLeft === undefined
      ? 'That code is not right. Please check it and try again.'
      : `That code is not right. ${triesLeft(details.triesLeft)}`,
  CODE_EXPIRED: () => 'That code has expired. Press "Send a new code" to get a new one.',
  TOO_MANY_ATTEMPTS: (details, { deskName }) => {
    const wait = details?.retryAfterSeconds === undefined ? 'a while' : humanDuration(details.retryAfterSeconds);
    const until = details?.until === undefined ? null : untilWords(details.until);
    return `Too many tries. Please wait ${wait}${until === null ? '' : ` (until ${until})`} and try again, or visit the ${deskName}.`;
  },
  SEND_FAILED: (_details, { deskName }) => `Codes cannot be sent right now. Please try again in a few minutes, or visit the ${deskName}.`,
  DELIVERY_UNAVAILABLE: (details, { deskName }) =>
    `Codes cannot be sent this way right now. Please try again${
      details?.retryAfterSeconds === undefined ? ' later' : ` in ${humanDuration(details.retryAfterSeconds)}`
    }, or visit the ${deskName}.`,
  BUSY: () => 'The kiosk is busy. Nothing was changed. Please try again in a moment.',
  UNAVAILABLE: (_details, { deskName }) => `The kiosk cannot save anything right now, so nothing was changed. Please visit the ${deskName}.`,
  DIRECTORY_UNAVAILABLE: (_details, { deskName }) =>
    `Password services are unavailable right now, so nothing was changed. Please see the ${deskName}.`,
  PASSWORD_REJECTED: () => 'That password cannot be used:',
  PASSWORDS_DIFFER: () => 'The two passwords are not the same. Please type the same password in both boxes.',
  // One sentence for a wrong name and a wrong password alike: which one was wrong is not the kiosk's to say.
  SIGN_IN_FAILED: () =>
    'That username and password do not match. Please check both and try again. If you have forgotten your password, go back and choose "Forgot your password?".',
  // Only ever said to someone who typed the right password, so naming the lock tells a stranger nothing.
  ACCOUNT_LOCKED: () =>
    'Your password is right, but your account is locked. Choose "Account locked?" to unlock it with a code; your password will not change.',
  ACCOUNT_DISABLED: (_details, { deskName }) =>
    `Your password is right, but your account is disabled, so its password cannot be changed here. Please visit the ${deskName}.`,
  NOT_AVAILABLE: () => 'That option is not available on this kiosk. Please choose another.',
  EMAIL_INVALID: () => 'That does not look like an email address. Please check it, for example name@example.com.',
  EMAILS_DIFFER: () => 'The two email addresses are not the same. Please type the same address in both boxes.',
  EMAIL_DOMAIN_BLOCKED: (_details, { organisationName }) =>
    `That is an address at ${organisationName}. Please use a personal email address, so you can still get a code if you cannot sign in.`,
  // No example number: any real-looking one belongs to someone, and Ofcom's drama range is refused as not a phone.
  PHONE_INVALID: () =>
    'That does not look like a mobile number we can text. Please check it: a UK mobile number starts with 07, and a number from another country starts with + and the country code.',
  METHOD_ALREADY_REGISTERED: () => 'That is already one of your methods.',
  METHODS_REQUIRED: () =>
    'You need to keep at least as many methods as this page says, so this one cannot be removed now. Add another one first, or change this one instead.',
  METHOD_COOLING_OFF: (details, { deskName }) =>
    `That method was set up too recently to be used for this${
      details?.until === undefined ? '' : ` (it can be used from ${untilWords(details.until)})`
    }. Please choose another method, or visit the ${deskName}.`,
  REGISTRATION_UNAVAILABLE: (_details, { deskName }) =>
    `This kiosk cannot keep authenticator details safe right now, so setting up methods is turned off here. Please visit the ${deskName}.`,
  TECHNICIAN_REQUIRED: () => 'Technician mode has ended (signed out, or nothing was done for a while). Please sign in again to continue.',
  // One sentence for a wrong name, password or app code, and for a disabled technician.
  TECHNICIAN_SIGN_IN_FAILED: () => 'That username, password and app code do not match an active technician. Please check all three and try again.',
  PERSON_NOT_FOUND: () => 'No account has that username. Check the spelling with the person, or look up their help ticket.',
  TICKET_NOT_FOUND: () => 'No help ticket has that code, or it has expired. Check it with the person, or look them up by username.',
  ID_CHECK_REQUIRED: () => 'Record the identity check first: which document you saw, in person.',
  ID_DOCUMENT_UNKNOWN: () => 'Choose one of the listed identity documents.',
  NO_PERSON: () => 'Look the person up first, by username or by help ticket.',
  NOT_REGISTERED: () => 'This person has no email or mobile number a code can go to. Use a reset without a code, or set up a first method.',
  ALREADY_REGISTERED: () => 'This person already has a method set up. They can add more themselves with "Set up password reset and sign-in methods".',
  QUIT_REFUSED: () => 'The kiosk keeps running: only a signed-in technician or the right admin PIN can close it.',
  INTERNAL: (_details, { deskName }) => `Something went wrong on our side. Please try again, or visit the ${deskName}.`,
};

export function errorMessage(error: KioskError, context: MessageContext): string {
  return errorMessages[error.code](error.details, context);
}

export function isPolicyRuleCode(value: string): value is PolicyRuleCode {
  return (policyRuleCodes as readonly string[]).includes(value);
}

/** The refused rules of a PASSWORD_REJECTED error, in words; unknown codes still say something useful. */
export function rejectedRuleProblems(error: KioskError, context: MessageContext): string[] {
  const codes = error.details?.rules ?? [];
  const composition = codes.filter(isCompositionCode);
  const problems = codes.map((code) => {
    if (isCompositionCode(code)) return compositionProblem(composition);
    return isPolicyRuleCode(code) ? ruleProblems[code](context) : 'It does not meet the password rules.';
  });
  return [...new Set(problems)];
}

/** Problems found on this screen before anything is sent to the kiosk. */
export const inputProblems = {
  usernameMissing: 'Please type your username.',
  currentPasswordMissing: 'Please type your current password.',
  signInMissing: 'Please type your username and your current password.',
  codeMissing: 'Please type the code.',
  codeShape: (codeLength: number) => `The code is ${codeLength} digits long. Please check it and try again.`,
  passwordMissing: 'Please type your new password in both boxes.',
} as const;

/** The start screen's choices. Each journey's own first screen repeats its title as its heading. */
export const menuWords = {
  heading: 'What do you need to do?',
  lead: 'Choose one. You can go back at any step.',
  back: 'Back to the choices',
} as const;

export const journeyTitles: Record<Purpose, string> = {
  reset: 'Forgot your password?',
  unlock: 'Account locked?',
  change: 'Change your password',
  register: 'Set up password reset and sign-in methods',
};

/** Not naming email or text: which ways a kiosk can send codes is only known once main answers. */
export const journeySummaries: Record<Purpose, string> = {
  reset: 'We send you a one-time code, then you choose a new password.',
  unlock: 'We send you a one-time code, then unlock your account. Your password stays the same.',
  change: 'You know your password and want a new one.',
  register: 'Add or change the personal email, mobile number and authenticator app you use to prove it is you.',
};

/** What the first screen of each code journey asks for; the same for every name typed. */
export const identifyLeads: Record<CodePurpose, string> = {
  reset: 'Type your username and we will send you a code to set a new password.',
  unlock: 'Type your username and we will send you a code to unlock your account. Your password will not change.',
};

export const signInWords = {
  lead: 'Type your username and the password you use now. Then you choose a new one.',
  currentPassword: 'Current password',
  showPassword: 'Show password',
  /** The button that starts "Account locked?" for someone told their account is locked. */
  unlockInstead: 'Unlock my account',
} as const;

export const methodLeads: Record<CodePurpose, string> = {
  reset: 'We send a one-time code to prove it is you. Then you choose a new password.',
  unlock: 'We send a one-time code to prove it is you. Then we unlock your account, and your password stays the same.',
};

/** With the app among the choices not every code is sent, so the words say "get", not "send". */
export const methodLeadsWithApp: Record<CodePurpose, string> = {
  reset: 'Prove it is you with a one-time code: we send one, or your authenticator app shows one. Then you choose a new password.',
  unlock: 'Prove it is you with a one-time code: we send one, or your authenticator app shows one. Then we unlock your account, and your password stays the same.',
};

export function chooseMethodHeading(methods: readonly ProofMethod[], proof: { number: number; of: number }): string {
  const question = methods.includes('app') ? 'How do you want to get your code?' : 'How should we send your code?';
  // "Proof 2 of 2" only when the kiosk asks for two (reset.requiredProofs: 2); one proof needs no count.
  return proof.of > 1 ? `Proof ${proof.number} of ${proof.of}: ${question.charAt(0).toLowerCase()}${question.slice(1)}` : question;
}

/** Said on the chooser when two proofs are needed: why a second code, and that it must come another way. */
export function proofStepWords(proof: { number: number; of: number }): string | null {
  if (proof.of < 2) return null;
  return proof.number === 1
    ? `This kiosk asks for ${proof.of} codes, each from a different method. Start with the first.`
    : 'That code was right. Now prove it is you a second time, with a different method.';
}

export const methodButtonLabels: Record<ProofMethod, string> = {
  email: 'Email me a code',
  sms: 'Text me a code',
  app: 'Code from my authenticator app',
};

/**
 * Said to everyone, registered or not (security.md 1): the words depend on the journey and the
 * method the person chose, never on the account. Codes for unlocking go to the same methods a person
 * registered for reset, so the registration is named the same way.
 */
export const codeOnItsWayByPurpose: Record<CodePurpose, Record<ProofMethod, string>> = {
  reset: {
    email: 'If this account is registered for reset by email, a code is on its way.',
    sms: 'If this account is registered for reset by text message, a code is on its way.',
    app: 'Open the authenticator app you set up for this account and type the code it shows now.',
  },
  unlock: {
    email: 'If this account is registered for reset by email, a code to unlock it is on its way.',
    sms: 'If this account is registered for reset by text message, a code to unlock it is on its way.',
    app: 'Open the authenticator app you set up for this account and type the code it shows now.',
  },
};

export const newCodeOnItsWayByPurpose: Record<CodePurpose, Record<ProofMethod, string>> = {
  reset: {
    email: 'If this account is registered for reset by email, a new code is on its way.',
    sms: 'If this account is registered for reset by text message, a new code is on its way.',
    app: 'Your app makes a new code every 30 seconds: type the one it shows now.',
  },
  unlock: {
    email: 'If this account is registered for reset by email, a new code to unlock it is on its way.',
    sms: 'If this account is registered for reset by text message, a new code to unlock it is on its way.',
    app: 'Your app makes a new code every 30 seconds: type the one it shows now.',
  },
};

/** The reset wording under its first name (the reliability suite reads it). */
export const codeOnItsWay = codeOnItsWayByPurpose.reset;
export const newCodeOnItsWay = newCodeOnItsWayByPurpose.reset;

/** Where to look for the code, in words that fit the way it was sent. */
export const whereToLook: Record<ProofMethod, string> = {
  email: 'Look in the inbox of the personal email address you registered. Check its junk or spam folder too.',
  sms: 'Look for a text message on the mobile phone you registered.',
  app: 'The code is in the authenticator app on your phone, under this organisation\'s name.',
};

export const codeHeadings: Record<ProofMethod, string> = {
  email: 'Type the code we sent',
  sms: 'Type the code we sent',
  app: 'Type the code from your app',
};

/** Help under the code box; said to everyone, so it names no account's methods. */
export const codeHelp: Record<ProofMethod, (deskName: string) => string> = {
  email: (deskName) => `No code after a few minutes? The account is probably not registered — the ${deskName} can help:`,
  sms: (deskName) => `No code after a few minutes? The account is probably not registered — the ${deskName} can help:`,
  app: (deskName) => `No authenticator app set up for this account? Start over and choose another way, or the ${deskName} can help:`,
};

export const channelNames: Record<ProofMethod, string> = {
  email: 'Email',
  sms: 'Text message',
  app: 'Authenticator app',
};

export const newPasswordHeadings: Record<PasswordPurpose, string> = {
  reset: 'Choose a new password',
  change: 'Choose your new password',
};

export const newPasswordLeads: Record<PasswordPurpose, string | null> = {
  reset: null,
  change: 'Your current password was right. Now type the new one twice.',
};

export interface DoneWords {
  heading: string;
  lines: string[];
  /** The journey did what the person came for (a ticked heading). */
  good: boolean;
  /** Send the person to the desk (details shown). */
  needsDesk: boolean;
}

/** What the Done screen says after a password change: only what is true (a notice is "on its way" only when one was queued). */
export function doneWords(outcome: ChangeOutcome, notice: NoticeState, deskName: string): { heading: string; lines: string[] } {
  const noticeLine = notice === 'queued' ? ['We will send a notice of this change to your registered email address or mobile number.'] : [];
  switch (outcome) {
    case 'changed':
      return { heading: 'Password changed', lines: ['Your password has been changed. You can now sign in with your new password.', ...noticeLine] };
    case 'changed_records_pending':
      return {
        heading: 'Password changed',
        lines: [
          'Your password has been changed. You can now sign in with your new password.',
          'The kiosk could not finish its own records just now. It will finish them, and send you a notice, by itself.',
        ],
      };
    case 'not_changed':
      return { heading: 'Password not changed', lines: ['Your password was not changed. Your old password still works.', `Please try again later, or visit the ${deskName}.`] };
    case 'unconfirmed':
      return {
        heading: 'We could not confirm the change',
        lines: ['The password system did not confirm the change.', `Try signing in with your new password. If it does not work, use your old one, or visit the ${deskName}.`],
      };
    default:
      throw missingCaseError(outcome);
  }
}

/** What the Done screen says after "Account locked?": said only after a proof, so it may say whether the account was locked. */
export function unlockDoneWords(outcome: UnlockOutcome, notice: NoticeState, deskName: string): { heading: string; lines: string[] } {
  const noticeLine = notice === 'queued' ? ['We will send a notice of this unlock to your registered email address or mobile number.'] : [];
  switch (outcome) {
    case 'unlocked':
      return { heading: 'Account unlocked', lines: ['Your account is unlocked. Your password has not changed.', 'You can sign in with your usual password now.', ...noticeLine] };
    case 'not_locked':
      return {
        heading: 'Your account was not locked',
        lines: [
          'Your account was not locked; nothing was changed.',
          'If you still cannot sign in, you may have forgotten your password: choose "Forgot your password?" to set a new one.',
        ],
      };
    case 'not_unlocked':
      return {
        heading: 'Account not unlocked',
        lines: ['We could not unlock your account just now. Nothing was changed.', `Please visit the ${deskName}.`],
      };
    default:
      throw missingCaseError(outcome);
  }
}

type DoneView = Extract<SessionView, { stage: 'done' }>;

/** The Done screen's words for whichever journey ended. */
export function doneWordsFor(view: DoneView, deskName: string): DoneWords {
  if (view.purpose === 'unlock') {
    const words = unlockDoneWords(view.outcome, view.notice, deskName);
    return { ...words, good: view.outcome === 'unlocked', needsDesk: view.outcome === 'not_unlocked' };
  }
  const words = doneWords(view.outcome, view.notice, deskName);
  const changed = view.outcome === 'changed' || view.outcome === 'changed_records_pending';
  return { ...words, good: changed, needsDesk: !changed };
}
