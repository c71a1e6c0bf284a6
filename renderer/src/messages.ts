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
import type { MessageId } from '../../shared/i18n/catalogues.js';
import type { Translator } from '../../shared/i18n/translator.js';
import type { ErrorCode, ErrorDetails, KioskError } from '../../shared/ipc/result.js';
import type { PolicyRules } from '../../shared/policy/policy-config.js';
import { policyRuleCodes, type PolicyRuleCode } from '../../shared/policy/rule-codes.js';
import { humanDuration } from './human-duration.js';
import { untilWords } from './time-of-day.js';

/**
 * Every word the kiosk shows for a code is chosen here, and written in the catalogues
 * (shared/i18n/catalogues/<language>/walk-up.json). The tables are typed Records over the shared
 * code lists, so a code added to rule-codes.ts or result.ts does not compile until it has words.
 * Nothing here ever receives a password or a one-time code, so nothing can echo one.
 */
export interface MessageContext {
  rules: PolicyRules;
  organisationName: string;
  /** e.g. "Service Desk": the place people are sent when the kiosk cannot help. */
  deskName: string;
  /** The session's language: every message below is written in it. */
  words: Translator;
}

type Words = (context: MessageContext) => string;

const characters = (rules: PolicyRules) => (rules.characterSet === 'letters_digits' ? 'letters_digits' : 'other');

/** A rule's words take the same values in both tables: the limits, the character set and the names. */
function ruleValues({ rules, organisationName, deskName }: MessageContext) {
  return { min: rules.minLength, max: rules.maxLength, characters: characters(rules), organisation: organisationName, desk: deskName };
}

function ruleTable(kind: 'requirement' | 'problem'): Record<PolicyRuleCode, Words> {
  const table = {} as Record<PolicyRuleCode, Words>;
  for (const rule of policyRuleCodes) {
    const id = `walkUp.rule.${rule}.${kind}` as MessageId;
    table[rule] = (context) => context.words.t(id, ruleValues(context));
  }
  return table;
}

/** Checklist wording: what a good password does. Turns green item by item as the person types. */
export const ruleRequirements: Record<PolicyRuleCode, Words> = ruleTable('requirement');

/** Refusal wording: what is wrong with the password that was just refused, and how to fix it. */
export const ruleProblems: Record<PolicyRuleCode, Words> = ruleTable('problem');

/**
 * The composition gate's codes name the parts of one guessable whole: what it is built on and what
 * pads it out. Said one by one they would read as separate faults, so wherever they appear together
 * (a refusal, the checklist) they become one sentence: "built on a common sequence plus a year".
 */
export const compositionCodes = ['built_on_sequence', 'built_on_word', 'built_on_name', 'plus_year', 'plus_date', 'plus_number', 'plus_repeat'] as const;
type CompositionCode = (typeof compositionCodes)[number];

const compositionPartIds: Record<CompositionCode, MessageId> = {
  built_on_sequence: 'walkUp.composition.part.built_on_sequence',
  built_on_word: 'walkUp.composition.part.built_on_word',
  built_on_name: 'walkUp.composition.part.built_on_name',
  plus_year: 'walkUp.composition.part.plus_year',
  plus_date: 'walkUp.composition.part.plus_date',
  plus_number: 'walkUp.composition.part.plus_number',
  plus_repeat: 'walkUp.composition.part.plus_repeat',
};

export function isCompositionCode(code: string): code is CompositionCode {
  return (compositionCodes as readonly string[]).includes(code);
}

type CompositionShape = 'builtOn' | 'builtOnPlus' | 'madeOf';

/** The parts as the language lists them ("a, b and c", "a, b et c", "أ وب"), and which sentence they fit. */
function compositionValues(words: Translator, codes: readonly CompositionCode[]): { shape: CompositionShape; stems: string; padding: string } {
  const unique = compositionCodes.filter((code) => codes.includes(code));
  const list = new Intl.ListFormat(words.language, { type: 'conjunction' });
  const named = (prefix: string) => list.format(unique.filter((code) => code.startsWith(prefix)).map((code) => words.t(compositionPartIds[code])));
  const stems = named('built_on_');
  const padding = named('plus_');
  const shape: CompositionShape = stems === '' ? 'madeOf' : padding === '' ? 'builtOn' : 'builtOnPlus';
  return { shape, stems, padding };
}

const compositionProblemIds: Record<CompositionShape, MessageId> = {
  builtOn: 'walkUp.composition.problem.builtOn',
  builtOnPlus: 'walkUp.composition.problem.builtOnPlus',
  madeOf: 'walkUp.composition.problem.madeOf',
};

const compositionRequirementIds: Record<CompositionShape, MessageId> = {
  builtOn: 'walkUp.composition.requirement.builtOn',
  builtOnPlus: 'walkUp.composition.requirement.builtOnPlus',
  madeOf: 'walkUp.composition.requirement.madeOf',
};

/** "It is too easy to guess: it is built on a common sequence plus a year, which attackers try first. ..." */
export function compositionProblem(words: Translator, codes: readonly CompositionCode[]): string {
  const { shape, stems, padding } = compositionValues(words, codes);
  return words.t(compositionProblemIds[shape], { stems, padding });
}

/** The checklist's one line for the gate's verdict: "Not built on a common sequence plus a year". */
export function compositionRequirement(words: Translator, codes: readonly CompositionCode[]): string {
  const { shape, stems, padding } = compositionValues(words, codes);
  return words.t(compositionRequirementIds[shape], { stems, padding });
}

type ErrorWords = (details: ErrorDetails | undefined, context: MessageContext) => string;

/** Most errors say one fixed sentence, naming at most the desk and the organisation. */
const plain =
  (id: MessageId): ErrorWords =>
  (_details, { words, deskName, organisationName }) =>
    words.t(id, { desk: deskName, organisation: organisationName });

export const errorMessages: Record<ErrorCode, ErrorWords> = {
  FORBIDDEN: plain('walkUp.error.FORBIDDEN'),
  BAD_INPUT: plain('walkUp.error.BAD_INPUT'),
  UNKNOWN_CHANNEL: plain('walkUp.error.UNKNOWN_CHANNEL'),
  WRONG_STAGE: plain('walkUp.error.WRONG_STAGE'),
  SESSION_EXPIRED: plain('walkUp.error.SESSION_EXPIRED'),
  CODE_WRONG: (details, { words }) =>
    details?.triesLeft === undefined ? words.t('walkUp.error.CODE_WRONG') : words.t('walkUp.error.CODE_WRONG.triesLeft', { tries: details.triesLeft }),
  CODE_EXPIRED: plain('walkUp.error.CODE_EXPIRED'),
  TOO_MANY_ATTEMPTS: (details, { words, deskName }) => {
    const wait = details?.retryAfterSeconds === undefined ? null : humanDuration(words, details.retryAfterSeconds);
    const until = details?.until === undefined ? null : untilWords(words, details.until);
    const desk = deskName;
    if (wait !== null && until !== null) return words.t('walkUp.error.TOO_MANY_ATTEMPTS.waitUntil', { wait, until, desk });
    if (wait !== null) return words.t('walkUp.error.TOO_MANY_ATTEMPTS.wait', { wait, desk });
    if (until !== null) return words.t('walkUp.error.TOO_MANY_ATTEMPTS.until', { until, desk });
    return words.t('walkUp.error.TOO_MANY_ATTEMPTS', { desk });
  },
  SEND_FAILED: plain('walkUp.error.SEND_FAILED'),
  DELIVERY_UNAVAILABLE: (details, { words, deskName }) =>
    details?.retryAfterSeconds === undefined
      ? words.t('walkUp.error.DELIVERY_UNAVAILABLE', { desk: deskName })
      : words.t('walkUp.error.DELIVERY_UNAVAILABLE.wait', { wait: humanDuration(words, details.retryAfterSeconds), desk: deskName }),
  BUSY: plain('walkUp.error.BUSY'),
  UNAVAILABLE: plain('walkUp.error.UNAVAILABLE'),
  DIRECTORY_UNAVAILABLE: plain('walkUp.error.DIRECTORY_UNAVAILABLE'),
  PASSWORD_REJECTED: plain('walkUp.error.PASSWORD_REJECTED'),
  PASSWORDS_DIFFER: plain('walkUp.error.PASSWORDS_DIFFER'),
  // One sentence for a wrong name and a wrong password alike: which one was wrong is not the kiosk's to say.
  SIGN_IN_FAILED: (_details, { words }) => words.t('walkUp.error.SIGN_IN_FAILED', { forgotTitle: words.t('walkUp.journey.reset.title') }),
  // Only ever said to someone who typed the right password, so naming the lock tells a stranger nothing.
  ACCOUNT_LOCKED: (_details, { words }) => words.t('walkUp.error.ACCOUNT_LOCKED', { unlockTitle: words.t('walkUp.journey.unlock.title') }),
  ACCOUNT_DISABLED: plain('walkUp.error.ACCOUNT_DISABLED'),
  NOT_AVAILABLE: plain('walkUp.error.NOT_AVAILABLE'),
  EMAIL_INVALID: plain('walkUp.error.EMAIL_INVALID'),
  EMAILS_DIFFER: plain('walkUp.error.EMAILS_DIFFER'),
  EMAIL_DOMAIN_BLOCKED: plain('walkUp.error.EMAIL_DOMAIN_BLOCKED'),
  // No example number: any real-looking one belongs to someone, and Ofcom's drama range is refused as not a phone.
  PHONE_INVALID: plain('walkUp.error.PHONE_INVALID'),
  METHOD_ALREADY_REGISTERED: plain('walkUp.error.METHOD_ALREADY_REGISTERED'),
  METHODS_REQUIRED: plain('walkUp.error.METHODS_REQUIRED'),
  METHOD_COOLING_OFF: (details, { words, deskName }) => {
    const until = details?.until === undefined ? null : untilWords(words, details.until);
    return until === null
      ? words.t('walkUp.error.METHOD_COOLING_OFF', { desk: deskName })
      : words.t('walkUp.error.METHOD_COOLING_OFF.until', { until, desk: deskName });
  },
  REGISTRATION_UNAVAILABLE: plain('walkUp.error.REGISTRATION_UNAVAILABLE'),
  TECHNICIAN_REQUIRED: plain('walkUp.error.TECHNICIAN_REQUIRED'),
  // One sentence for a wrong name, password or app code, and for a disabled technician.
  TECHNICIAN_SIGN_IN_FAILED: plain('walkUp.error.TECHNICIAN_SIGN_IN_FAILED'),
  PERSON_NOT_FOUND: plain('walkUp.error.PERSON_NOT_FOUND'),
  TICKET_NOT_FOUND: plain('walkUp.error.TICKET_NOT_FOUND'),
  ID_CHECK_REQUIRED: plain('walkUp.error.ID_CHECK_REQUIRED'),
  ID_DOCUMENT_UNKNOWN: plain('walkUp.error.ID_DOCUMENT_UNKNOWN'),
  NO_PERSON: plain('walkUp.error.NO_PERSON'),
  NOT_REGISTERED: plain('walkUp.error.NOT_REGISTERED'),
  ALREADY_REGISTERED: (_details, { words }) =>
    words.t('walkUp.error.ALREADY_REGISTERED', { registerTitle: words.t('walkUp.journey.register.title') }),
  QUIT_REFUSED: plain('walkUp.error.QUIT_REFUSED'),
  INTERNAL: plain('walkUp.error.INTERNAL'),
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
    if (isCompositionCode(code)) return compositionProblem(context.words, composition);
    return isPolicyRuleCode(code) ? ruleProblems[code](context) : context.words.t('walkUp.rule.unknown.problem');
  });
  return [...new Set(problems)];
}

/** Problems found on this screen before anything is sent to the kiosk. */
export const inputProblems = {
  usernameMissing: (words: Translator) => words.t('walkUp.input.usernameMissing'),
  usernameLooksLikeEmail: (words: Translator) => words.t('walkUp.username.looksLikeEmail'),
  currentPasswordMissing: (words: Translator) => words.t('walkUp.input.currentPasswordMissing'),
  signInMissing: (words: Translator) => words.t('walkUp.input.signInMissing'),
  codeMissing: (words: Translator) => words.t('walkUp.input.codeMissing'),
  codeShape: (words: Translator, codeLength: number) => words.t('walkUp.input.codeShape', { length: codeLength }),
  passwordMissing: (words: Translator) => words.t('walkUp.input.passwordMissing'),
} as const;

/** Each journey's name: on the menu, as its first screen's heading, and quoted in other messages. */
export const journeyTitleIds: Record<Purpose, MessageId> = {
  reset: 'walkUp.journey.reset.title',
  unlock: 'walkUp.journey.unlock.title',
  change: 'walkUp.journey.change.title',
  register: 'walkUp.journey.register.title',
};

/** Not naming email or text: which ways a kiosk can send codes is only known once main answers. */
export const journeySummaryIds: Record<Purpose, MessageId> = {
  reset: 'walkUp.journey.reset.summary',
  unlock: 'walkUp.journey.unlock.summary',
  change: 'walkUp.journey.change.summary',
  register: 'walkUp.journey.register.summary',
};

/** What the first screen of each code journey asks for; the same for every name typed. */
export const identifyLeadIds: Record<CodePurpose, MessageId> = {
  reset: 'walkUp.identify.reset.lead',
  unlock: 'walkUp.identify.unlock.lead',
};

/** With the app among the choices not every code is sent, so the words say "get", not "send". */
export function methodLead(words: Translator, purpose: CodePurpose, methods: readonly ProofMethod[]): string {
  const withApp = methods.includes('app');
  if (purpose === 'reset') return words.t(withApp ? 'walkUp.method.reset.leadWithApp' : 'walkUp.method.reset.lead');
  return words.t(withApp ? 'walkUp.method.unlock.leadWithApp' : 'walkUp.method.unlock.lead');
}

export function chooseMethodHeading(words: Translator, methods: readonly ProofMethod[], proof: { number: number; of: number }): string {
  const withApp = methods.includes('app');
  // "Proof 2 of 2" only when the kiosk asks for two (reset.requiredProofs: 2); one proof needs no count.
  if (proof.of > 1) return words.t(withApp ? 'walkUp.method.heading.getProof' : 'walkUp.method.heading.sendProof', { number: proof.number, of: proof.of });
  return words.t(withApp ? 'walkUp.method.heading.get' : 'walkUp.method.heading.send');
}

/** Said on the chooser when two proofs are needed: why a second code, and that it must come another way. */
export function proofStepWords(words: Translator, proof: { number: number; of: number }): string | null {
  if (proof.of < 2) return null;
  return proof.number === 1 ? words.t('walkUp.method.proofStep.first', { of: proof.of }) : words.t('walkUp.method.proofStep.second');
}

export const methodButtonIds: Record<ProofMethod, MessageId> = {
  email: 'walkUp.method.email.button',
  sms: 'walkUp.method.sms.button',
  app: 'walkUp.method.app.button',
};

/**
 * Said to everyone, registered or not (security.md 1): the words depend on the journey and the
 * method the person chose, never on the account. Codes for unlocking go to the same methods a person
 * registered for reset, so the registration is named the same way.
 */
export const codeOnItsWayIds: Record<CodePurpose, Record<ProofMethod, MessageId>> = {
  reset: { email: 'walkUp.code.reset.email.onItsWay', sms: 'walkUp.code.reset.sms.onItsWay', app: 'walkUp.code.app.openApp' },
  unlock: { email: 'walkUp.code.unlock.email.onItsWay', sms: 'walkUp.code.unlock.sms.onItsWay', app: 'walkUp.code.app.openApp' },
};

export const newCodeOnItsWayIds: Record<CodePurpose, Record<ProofMethod, MessageId>> = {
  reset: { email: 'walkUp.code.reset.email.newOnItsWay', sms: 'walkUp.code.reset.sms.newOnItsWay', app: 'walkUp.code.app.newCode' },
  unlock: { email: 'walkUp.code.unlock.email.newOnItsWay', sms: 'walkUp.code.unlock.sms.newOnItsWay', app: 'walkUp.code.app.newCode' },
};

/**
 * Where to look for the code, in words that fit the way it was sent: an emailed code goes to the
 * personal address (people look in their organisation's inbox first) and may land in spam.
 */
export const whereToLookIds: Record<ProofMethod, readonly MessageId[]> = {
  email: ['walkUp.code.email.whereToLook', 'walkUp.code.email.checkSpam'],
  sms: ['walkUp.code.sms.whereToLook', 'walkUp.code.sms.wait'],
  app: ['walkUp.code.app.whereToLook'],
};

export function whereToLook(words: Translator, method: ProofMethod, organisationName: string): string[] {
  return whereToLookIds[method].map((id) => words.t(id, { organisation: organisationName }));
}

export const codeHeadingIds: Record<ProofMethod, MessageId> = {
  email: 'walkUp.code.heading.sent',
  sms: 'walkUp.code.heading.sent',
  app: 'walkUp.code.heading.app',
};

/** Help under the code box; said to everyone, so it names no account's methods. */
export function codeHelp(words: Translator, method: ProofMethod, deskName: string): string {
  return words.t(method === 'app' ? 'walkUp.code.help.app' : 'walkUp.code.help.sent', { desk: deskName });
}

export const channelNameIds: Record<ProofMethod, MessageId> = {
  email: 'walkUp.channel.email',
  sms: 'walkUp.channel.sms',
  app: 'walkUp.channel.app',
};

export const newPasswordHeadingIds: Record<PasswordPurpose, MessageId> = {
  reset: 'walkUp.newPassword.reset.heading',
  change: 'walkUp.newPassword.change.heading',
};

export const newPasswordLeadIds: Record<PasswordPurpose, MessageId | null> = {
  reset: null,
  change: 'walkUp.newPassword.change.lead',
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
export function doneWords(words: Translator, outcome: ChangeOutcome, notice: NoticeState, deskName: string): { heading: string; lines: string[] } {
  const desk = { desk: deskName };
  const noticeLine = notice === 'queued' ? [words.t('walkUp.done.changed.notice')] : [];
  switch (outcome) {
    case 'changed':
      return { heading: words.t('walkUp.done.changed.heading'), lines: [words.t('walkUp.done.changed.line'), ...noticeLine] };
    case 'changed_records_pending':
      return { heading: words.t('walkUp.done.changed.heading'), lines: [words.t('walkUp.done.changed.line'), words.t('walkUp.done.recordsPending.line')] };
    case 'not_changed':
      return { heading: words.t('walkUp.done.notChanged.heading'), lines: [words.t('walkUp.done.notChanged.line'), words.t('walkUp.done.notChanged.desk', desk)] };
    case 'unconfirmed':
      return { heading: words.t('walkUp.done.unconfirmed.heading'), lines: [words.t('walkUp.done.unconfirmed.line'), words.t('walkUp.done.unconfirmed.desk', desk)] };
    default:
      throw missingCaseError(outcome);
  }
}

/** What the Done screen says after "Account locked?": said only after a proof, so it may say whether the account was locked. */
export function unlockDoneWords(words: Translator, outcome: UnlockOutcome, notice: NoticeState, deskName: string): { heading: string; lines: string[] } {
  const noticeLine = notice === 'queued' ? [words.t('walkUp.done.unlocked.notice')] : [];
  switch (outcome) {
    case 'unlocked':
      return { heading: words.t('walkUp.done.unlocked.heading'), lines: [words.t('walkUp.done.unlocked.line'), words.t('walkUp.done.unlocked.signIn'), ...noticeLine] };
    case 'not_locked':
      return {
        heading: words.t('walkUp.done.notLocked.heading'),
        lines: [words.t('walkUp.done.notLocked.line'), words.t('walkUp.done.notLocked.forgot', { forgotTitle: words.t('walkUp.journey.reset.title') })],
      };
    case 'not_unlocked':
      return { heading: words.t('walkUp.done.notUnlocked.heading'), lines: [words.t('walkUp.done.notUnlocked.line'), words.t('walkUp.done.notUnlocked.desk', { desk: deskName })] };
    default:
      throw missingCaseError(outcome);
  }
}

type DoneView = Extract<SessionView, { stage: 'done' }>;

/** The Done screen's words for whichever journey ended. */
export function doneWordsFor(words: Translator, view: DoneView, deskName: string): DoneWords {
  if (view.purpose === 'unlock') {
    const said = unlockDoneWords(words, view.outcome, view.notice, deskName);
    return { ...said, good: view.outcome === 'unlocked', needsDesk: view.outcome === 'not_unlocked' };
  }
  const said = doneWords(words, view.outcome, view.notice, deskName);
  const changed = view.outcome === 'changed' || view.outcome === 'changed_records_pending';
  return { ...said, good: changed, needsDesk: !changed };
}
