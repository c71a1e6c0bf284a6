import { missingCaseError, type ChangeOutcome, type NoticeState, type VerificationMethod } from '../../shared/flow/stages.js';
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
  reused: () => 'Not a password you have used before',
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
  reused: () => 'You have used it before. Choose one you have never used.',
};

type ErrorWords = (details: ErrorDetails | undefined, context: MessageContext) => string;

function triesLeft(count: number): string {
  return count === 1 ? 'You have 1 try left.' : `You have ${count} tries left.`;
}

export const errorMessages: Record<ErrorCode, ErrorWords> = {
  FORBIDDEN: (_details, { deskName }) => `This kiosk refused that request. Please visit the ${deskName}.`,
  BAD_INPUT: () => 'Please check what you typed and try again.',
  UNKNOWN_CHANNEL: (_details, { deskName }) => `Something went wrong. Please start over, or visit the ${deskName}.`,
  WRONG_STAGE: () => 'That step is no longer available, so the screen has been brought up to date.',
  SESSION_EXPIRED: () => 'Your time ran out, so we have started again. Please type your username.',
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
  PASSWORD_REJECTED: () => 'That password cannot be used:',
  PASSWORDS_DIFFER: () => 'The two passwords are not the same. Please type the same password in both boxes.',
  NOT_AVAILABLE: () => 'That option is not available on this kiosk. Please choose another.',
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
  const problems = codes.map((code) =>
    isPolicyRuleCode(code) ? ruleProblems[code](context) : 'It does not meet the password rules.',
  );
  return [...new Set(problems)];
}

/** Problems found on this screen before anything is sent to the kiosk. */
export const inputProblems = {
  usernameMissing: 'Please type your username.',
  codeMissing: 'Please type the code.',
  codeShape: (codeLength: number) => `The code is ${codeLength} digits long. Please check it and try again.`,
  passwordMissing: 'Please type your new password in both boxes.',
} as const;

export const methodButtonLabels: Record<VerificationMethod, string> = {
  email: 'Email me a code',
  sms: 'Text me a code',
};

/** Said to everyone, registered or not (security.md 1): the words never depend on the account. */
export const codeOnItsWay: Record<VerificationMethod, string> = {
  email: 'If this account is registered for reset by email, a code is on its way.',
  sms: 'If this account is registered for reset by text message, a code is on its way.',
};

export const newCodeOnItsWay: Record<VerificationMethod, string> = {
  email: 'If this account is registered for reset by email, a new code is on its way.',
  sms: 'If this account is registered for reset by text message, a new code is on its way.',
};

export const channelNames: Record<VerificationMethod, string> = {
  email: 'Email',
  sms: 'Text message',
};

/** What the Done screen says: only what is true (a notice is "on its way" only when one was queued). */
export function doneWords(outcome: ChangeOutcome, notice: NoticeState, deskName: string): { heading: string; lines: string[] } {
  const noticeLine = notice === 'queued' ? ['We will email a notice of this change to your registered address.'] : [];
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
