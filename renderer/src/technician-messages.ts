import { missingCaseError, type Stage } from '../../shared/flow/stages.js';
import type { KioskError } from '../../shared/ipc/result.js';
import type {
  AssistKind,
  AssistProgress,
  PersonBlock,
  TechnicianActionResult,
  TicketDetails,
  TicketEvent,
} from '../../shared/technician/technician-view.js';
import { humanDuration } from './human-duration.js';
import { errorMessage, type MessageContext } from './messages.js';
import { untilWords } from './time-of-day.js';
import { createTranslator } from '../../shared/i18n/translator.js';

// Until these words move to the technician catalogue: the shared duration and time words, in English.
const english = createTranslator('en');

/**
 * Every word of technician mode (sign-in, console, assisted step). Said to a signed-in technician,
 * so plainer about accounts than the public screens may be; still nothing here ever receives a
 * password, a code or a secret, so nothing can echo one.
 */

export const doorWords = {
  /** The discreet control on the public screens. */
  label: 'Staff sign-in',
} as const;

export const technicianSignInWords = {
  heading: 'Technician sign-in',
  lead: 'For IT staff only. Sign in with your technician username, password and a code from your authenticator app.',
  username: 'Technician username',
  password: 'Password',
  code: 'App code',
  codeHint: '6 digits from your authenticator app',
  submit: 'Sign in',
  cancel: 'Back to the kiosk',
  missing: 'Please type your username, password and the 6-digit app code.',
  codeShape: 'The app code is 6 digits. Please type the code your app shows now.',
  quitHeading: 'Quit the kiosk with the admin PIN',
  quitLead: 'For administrators: closes the kiosk app on this machine.',
  pin: 'Admin PIN',
  pinHint: '6 to 12 digits',
  pinShape: 'The admin PIN is 6 to 12 digits.',
  quitSubmit: 'Quit the kiosk',
  quitting: 'The kiosk app is closing.',
} as const;

export const consoleWords = {
  heading: 'Technician mode',
  signedInAs: (displayName: string, username: string) => `Signed in as ${displayName} (${username})`,
  signOut: 'Sign out',
  quit: 'Quit kiosk',
  quitConfirm: 'Close the kiosk app on this machine? People cannot use it until it is started again.',
  quitYes: 'Yes, quit the kiosk',
  quitNo: 'Keep it running',
  idle: (seconds: number) => `Signs out by itself after ${humanDuration(english, seconds)} without activity.`,
  idleWarning: (seconds: number) => `Signing out in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}: touch the screen or press a key to stay.`,
  lookupHeading: 'Look someone up',
  byUsername: 'Username',
  byTicket: 'Help ticket code',
  ticketHint: '6 characters, for example K7P 4QX',
  lookUp: 'Look up',
  lookUpTicket: 'Look up ticket',
  usernameMissing: 'Type a username to look up.',
  ticketMissing: 'Type the help ticket code the person was given.',
  closeCase: 'Close this case',
  noPersonForTicket:
    'No account has the name typed on this ticket. Check the spelling with the person, then look them up by username.',
} as const;

export const personWords = {
  heading: 'Person',
  locked: 'Locked',
  notLocked: 'Not locked',
  disabled: 'Disabled: their password cannot be reset here',
  notDisabled: 'Active',
  status: 'Account',
  methods: 'Methods',
  noMethods: 'None registered',
  passwordChanged: 'Password last changed',
  unknownDate: 'Not known',
  failedProofs: 'Wrong codes recently',
  blocks: 'Blocks',
  noBlocks: 'None',
} as const;

export const blockKindWords: Record<PersonBlock['kind'], string> = {
  failed_proofs: 'Codes refused after too many wrong codes',
  email_sends: 'No more email codes (too many sent)',
  text_sends: 'No more text codes (too many sent)',
};

export function blockWords(block: PersonBlock, now = new Date()): string {
  const until = untilWords(english, block.until, now);
  return until === null ? blockKindWords[block.kind] : `${blockKindWords[block.kind]}, until ${until}`;
}

export const ticketWords = {
  heading: (code: string) => `Help ticket ${code}`,
  typedName: 'Name typed',
  purpose: 'Wanted to',
  made: 'Made',
  validUntil: 'Valid until',
  tried: 'What the kiosk saw',
  nothingTried: 'Nothing yet: the ticket was made before any code was asked for.',
} as const;

export const ticketPurposeWords: Record<TicketDetails['purpose'], string> = {
  reset: 'Reset a forgotten password',
  unlock: 'Unlock the account',
};

const methodNames: Record<NonNullable<TicketEvent['method']>, string> = {
  email: 'email',
  sms: 'text message',
  app: 'authenticator app',
};

/**
 * One line of "what was tried". Audit events are named `<journey>.<step>`; the step decides the words.
 * An event this table does not know still reads as something, so a new event never hides a row.
 */
export function ticketEventWords(event: TicketEvent): string {
  const step = event.event.slice(event.event.indexOf('.') + 1);
  const by = event.method === undefined ? '' : ` by ${methodNames[event.method]}`;
  const failed = event.outcome !== 'ok';
  switch (step) {
    case 'begin':
      return event.event.startsWith('unlock') ? 'Started "Account locked?" with this name' : 'Started "Forgot your password?" with this name';
    case 'code_requested':
      return failed ? `Asked for a code${by}: refused (too many requests)` : `Asked for a code${by}`;
    case 'code_sent':
      return `A code was sent${by}`;
    case 'code_not_sent':
      // 'ok': nothing registered to send to (or no such account); 'failed': the channel was down.
      return failed ? `The code could not be sent${by}: the service was down` : `No code was sent${by}: nothing registered for it, or no such account`;
    case 'code_resent':
      return failed ? `Asked for a new code${by}: refused` : `Asked for a new code${by}`;
    case 'delivery_failed':
    case 'code_send_failed':
      return `The code could not be sent${by}`;
    case 'code_checked':
      if (event.outcome === 'ok') return `Typed the right code${by}`;
      return event.outcome === 'refused' || event.reason !== undefined ? codeRefusalWords(event.reason, by) : `Typed a wrong code${by}`;
    case 'blocked':
      return 'Blocked after too many tries';
    case 'method_cooling_off':
      return `The method${by} was set up too recently to use`;
    case 'created':
      return 'Asked for this help ticket';
    case 'password_rejected':
      return 'Chose a password the rules refused';
    default:
      return `${event.event}${by}${failed ? ` (${event.outcome})` : ''}`;
  }
}

/** A refused code, by the reason the kiosk recorded (tickets made before reasons were kept have none). */
function codeRefusalWords(reason: string | undefined, by: string): string {
  switch (reason) {
    case 'wrong':
      return `Typed a wrong code${by}`;
    case 'throttled':
      return `Typed a code${by} while blocked: refused without checking it`;
    case 'expired':
    case 'exhausted':
    case 'used':
      return `Typed a code${by} that had expired or was used up`;
    default:
      return `Typed a code${by} that was refused (wrong, or while blocked)`;
  }
}

export const idCheckWords = {
  heading: 'Identity check',
  lead: 'Check a photo ID in person before any change. Only the type of document is recorded, never its number or a picture.',
  document: 'Document seen',
  choose: 'Choose a document',
  seenInPerson: 'I have seen this document and the person in person',
  submit: 'Record the ID check',
  documentMissing: 'Choose the document you checked.',
  seenMissing: 'Tick the box to confirm you saw the document in person.',
  recorded: (document: string, at: string) => `ID checked: ${document}, seen in person at ${untilWords(english, at) ?? at}.`,
} as const;

export const actionWords = {
  heading: 'Actions',
  unlock: 'Unlock the account',
  clearBlocks: 'Clear blocks',
  assistReset: 'Assisted reset',
  assistResetWithCode: 'Reset with a code to the person',
  assistEnrol: 'Set up a first method',
  needIdCheck: 'Record the identity check to allow these.',
  lastAction: 'Last action',
} as const;

export function lastActionWords(result: TechnicianActionResult): string {
  switch (result.action) {
    case 'unlock':
      return {
        unlocked: 'The account is unlocked. The person has been sent a notice.',
        not_locked: 'The account was not locked; nothing was changed.',
        not_unlocked: 'The directory could not unlock the account. Nothing was changed.',
      }[result.outcome];
    case 'clear_blocks':
      return result.cleared === 0
        ? 'There were no blocks to clear.'
        : `${result.cleared === 1 ? '1 block was' : `${result.cleared} blocks were`} cleared. The person has been sent a notice.`;
    case 'assist_finished':
      return `${assistTitles[result.kind]}: ${assistOutcomeWords[result.outcome]}`;
    default:
      throw missingCaseError(result);
  }
}

const assistOutcomeWords: Record<Extract<TechnicianActionResult, { action: 'assist_finished' }>['outcome'], string> = {
  changed: 'the password was changed. The person has been sent a notice.',
  not_changed: 'the password was not changed.',
  enrolled: 'the method was set up. The person has been sent a notice.',
  not_enrolled: 'no method was set up.',
  ended: 'ended before it was finished.',
};

export const assistTitles: Record<AssistKind, string> = {
  reset: 'Assisted reset',
  reset_with_code: 'Reset with a code to the person',
  enrol: 'Setting up a first method',
};

export const assistWords = {
  heading: 'Technician',
  endStep: 'End this step',
  backToConsole: 'Back to the technician console',
  policyUnknown: 'Password rules: not checked yet',
  policyMet: 'Password rules: met',
  policyNotMet: 'Password rules: not met yet',
  personAreaLabel: 'The person’s screen',
  stepEnded: 'This step has ended',
  stepEndedLead: 'Please hand the kiosk back to the technician.',
  privacy: 'The person types here. The technician’s part of the screen never shows what is typed.',
} as const;

/** Where the person is in the assisted step, in words that never depend on what they type. */
export function assistStageWords(stage: Stage): string {
  switch (stage) {
    case 'new_password':
      return 'The person is choosing a new password.';
    case 'choose_method':
      return 'The person is choosing where the code goes.';
    case 'code_sent':
      return 'Waiting for the person to type the code sent to them.';
    case 'methods':
    case 'method_code':
    case 'app_setup':
    case 'method_review':
      return 'The person is setting up a method.';
    case 'done':
      return 'The person has finished this step.';
    case 'identify':
    case 'ticket':
      return 'This step has ended.';
    default:
      throw missingCaseError(stage);
  }
}

export function assistPolicyWords(progress: AssistProgress): string | null {
  if (progress.stage !== 'new_password') return null;
  if (progress.policyMet === null) return assistWords.policyUnknown;
  return progress.policyMet ? assistWords.policyMet : assistWords.policyNotMet;
}

/**
 * A refusal in a technician's words: a few codes read differently to staff than to the public
 * (a block on sign-in names when it ends, and never sends a technician to their own desk).
 */
export function technicianErrorMessage(error: KioskError, context: MessageContext): string {
  if (error.code === 'TOO_MANY_ATTEMPTS') {
    const until = error.details?.until === undefined ? null : untilWords(context.words, error.details.until);
    const wait = error.details?.retryAfterSeconds === undefined ? null : humanDuration(context.words, error.details.retryAfterSeconds);
    if (until !== null) return `Too many wrong tries. This is blocked until ${until}${wait === null ? '' : ` (${wait})`}.`;
    return `Too many wrong tries. Please wait ${wait ?? 'a while'} and try again.`;
  }
  return errorMessage(error, context);
}

/** "3 March 2026, 14:02" in the kiosk's own time zone. */
export function dateTimeWords(iso: string): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  return when.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function timeWords(iso: string): string {
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? iso : when.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
