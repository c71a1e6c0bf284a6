import { missingCaseError, type MethodChange, type MethodKind, type NoticeState } from '../../shared/flow/stages.js';

/**
 * The words of "Set up password reset and sign-in methods". Kept beside messages.ts rather than in it:
 * that file already holds every other journey's words and is past the project's size guide. The same
 * rule applies: typed Records over the shared kinds, so a new kind does not compile until it has words,
 * and nothing here ever receives a password, a code or a secret.
 */

/** A method's name as a heading or list label. */
export const methodKindNames: Record<MethodKind, string> = {
  email: 'Personal email address',
  phone: 'Mobile number',
  app: 'Authenticator app',
};

/** The same names inside a sentence ("your mobile number"). */
export const methodKindInSentence: Record<MethodKind, string> = {
  email: 'personal email address',
  phone: 'mobile number',
  app: 'authenticator app',
};

export const addMethodLabels: Record<MethodKind, string> = {
  email: 'Add a personal email address',
  phone: 'Add a mobile number',
  app: 'Add an authenticator app',
};

/** The sign-in screen of the journey, and the menu when the kiosk cannot offer it. */
export const registerSignInWords = {
  lead: 'Type your username and the password you use now. Then you can add, change or remove the personal email address, mobile number and authenticator app that prove it is you.',
  /** Said before anyone signs in, to everyone: the kiosk never sets up methods without the current password. */
  forgotten: (deskName: string) =>
    `Forgotten your password and not set up yet? This kiosk cannot set up methods without your current password. Please visit the ${deskName}:`,
  unavailable: (deskName: string) =>
    `Not available at this kiosk. To set up the personal email address, mobile number or authenticator app that prove it is you, please visit the ${deskName}:`,
} as const;

function methodsCount(count: number): string {
  return count === 1 ? '1 method' : `${count} methods`;
}

export const methodsWords = {
  heading: 'Your password reset and sign-in methods',
  signedInAs: (username: string) => `Signed in as ${username}.`,
  /** How many are needed, and what a reset will ask for (reset.requiredProofs). */
  required: (requiredMethods: number, requiredProofs: number) =>
    requiredProofs >= 2
      ? `You need at least ${methodsCount(Math.max(requiredMethods, requiredProofs))}: to reset your password, you prove it is you with codes from two different methods.`
      : `You need at least ${methodsCount(requiredMethods)}: to reset your password, you prove it is you with a code from one of them.`,
  tooFew: (have: number, needed: number) => {
    const missing = needed - have;
    const add = have === 0 ? (missing === 1 ? 'one' : `${missing}`) : missing === 1 ? 'one more' : `${missing} more`;
    return `You have ${methodsCount(have)} set up. Add ${add} so that you can reset your password at the kiosk.`;
  },
  none: 'None set up yet.',
  change: 'Change',
  remove: 'Remove',
  /** What a screen reader hears after "Change" or "Remove": which method, since there can be several. */
  whichMethod: (kind: MethodKind, masked: string) => (masked === '' ? methodKindInSentence[kind] : `${methodKindInSentence[kind]} ${masked}`),
  finish: 'Finish',
  finishHint: 'Finish when you are done: the kiosk then clears everything and returns to the start.',
} as const;

/** A registered method in the list: "a•••n@h•••.example, set up on 3 March". */
export function methodLine(kind: MethodKind, masked: string, setUpOn: string | null): string {
  const what = masked === '' ? methodKindNames[kind] : masked;
  return setUpOn === null ? what : `${what}, ${setUpOn}`;
}

/** The add/change forms (renderer-local parts of the `methods` stage). */
export const addEmailWords = {
  heading: { add: 'Add a personal email address', change: 'Change your personal email address' },
  lead: (organisationName: string) =>
    `Use a personal address that you can read even when you cannot sign in to ${organisationName}. We send a code to it to check that it is yours.`,
  replacing: (masked: string) => `This replaces ${masked} once the new address is checked and you confirm.`,
  address: 'Personal email address',
  again: 'Type it again',
  missing: 'Please type your personal email address in both boxes.',
} as const;

export const addPhoneWords = {
  heading: { add: 'Add a mobile number', change: 'Change your mobile number' },
  lead: 'We send a text message with a code to this number to check that it is yours.',
  replacing: (masked: string) => `This replaces ${masked} once the new number is checked and you confirm.`,
  number: 'Mobile number',
  hint: 'A UK mobile number starts with 07. For a number from another country, start with + and the country code.',
  missing: 'Please type your mobile number.',
} as const;

export const formButtons = {
  sendCode: 'Send a code',
  cancel: 'Cancel',
} as const;

export const methodCodeWords = {
  heading: 'Type the code we sent',
  lead: { email: (masked: string) => `We sent a code to ${masked}.`, phone: (masked: string) => `We sent a text message with a code to ${masked}.` },
  whereToLook: {
    email: 'Look in that inbox, and in its junk or spam folder too.',
    phone: 'Look for a text message on that phone.',
  },
  resent: { email: (masked: string) => `A new code is on its way to ${masked}.`, phone: (masked: string) => `A new text message with a code is on its way to ${masked}.` },
  noCode: 'No code after a few minutes? Check what you typed: cancel, and add it again.',
} as const;

export const appSetupWords = {
  heading: 'Set up your authenticator app',
  steps: (issuer: string, digits: number) => [
    'Open the authenticator app on your phone, for example Microsoft Authenticator or Google Authenticator, and choose to add an account.',
    'Scan this QR code with the app.',
    `Type the ${digits}-digit code the app now shows for ${issuer}.`,
  ],
  qrName: 'QR code for your authenticator app',
  manualHeading: 'Cannot scan the QR code?',
  manualLead: 'Choose to type a key in the app instead, and type these details:',
  account: 'Account',
  key: 'Key',
  keyType: 'Type of key',
  timeBased: 'Time-based',
  shownOnce: 'The key is shown on this screen only. Once you leave it, the kiosk never shows it again.',
  codeLabel: 'Code from your app',
  codeHint: (digits: number, periodSeconds: number) => `${digits} digits. The app shows a new code every ${periodSeconds} seconds.`,
} as const;

export const reviewWords = {
  heading: 'Check and confirm',
  lead: 'Nothing has been saved yet. This is the change you asked for:',
  notice: 'When you confirm, we send a notice of the change to every email address and mobile number on record, both the old ones and the new one.',
  confirm: 'Confirm',
  cancel: 'Cancel',
} as const;

/** A pending change as one line: "Add personal email address a•••n@h•••.example". */
export function changeWords(change: MethodChange): string {
  const kind = methodKindInSentence[change.kind];
  const named = (masked: string) => (masked === '' ? kind : `${kind} ${masked}`);
  switch (change.action) {
    case 'add':
      return `Add ${named(change.masked)}`;
    case 'replace':
      return change.kind === 'app'
        ? 'Replace your authenticator app with the one you just set up'
        : `Replace ${named(change.replacesMasked)} with ${change.masked}`;
    case 'remove':
      return `Remove ${named(change.masked)}`;
    default:
      throw missingCaseError(change);
  }
}

/** The "saved" message on the list after a change, and only what is true about the notice. */
export function savedWords(change: MethodChange, notice: NoticeState): string[] {
  const kind = methodKindInSentence[change.kind];
  const named = (masked: string) => (masked === '' ? `your ${kind}` : `your ${kind} ${masked}`);
  const done = (() => {
    switch (change.action) {
      case 'add':
        return `Saved: ${named(change.masked)} was added.`;
      case 'replace':
        return change.kind === 'app' ? 'Saved: your authenticator app was replaced.' : `Saved: ${named(change.replacesMasked)} was changed to ${change.masked}.`;
      case 'remove':
        return `Saved: ${named(change.masked)} was removed.`;
      default:
        throw missingCaseError(change);
    }
  })();
  return notice === 'queued' ? [done, 'A notice of this change is on its way to the email addresses and mobile numbers on record.'] : [done];
}
