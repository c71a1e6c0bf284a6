/**
 * Errors cross IPC as values: an Electron `invoke` that throws keeps only `message`, and the
 * renderer needs a code it can turn into words (codes double as message keys).
 */
export const errorCodes = [
  'FORBIDDEN', // sender is not the kiosk's own main frame
  'BAD_INPUT', // payload failed the channel's schema
  'UNKNOWN_CHANNEL',
  'WRONG_STAGE', // the walk-up session is not at a stage where this call is allowed
  'SESSION_EXPIRED', // the 15-minute walk-up session ran out; the session is back at the start
  'CODE_WRONG', // details.triesLeft
  'CODE_EXPIRED', // ask for a new code
  'TOO_MANY_ATTEMPTS', // details.retryAfterSeconds, details.until (ISO time the wait ends)
  'SEND_FAILED', // the code could not be sent; no attempt was used
  'DELIVERY_UNAVAILABLE', // codes cannot be sent by this method right now (for everyone); details.retryAfterSeconds
  'BUSY', // the kiosk's database was busy for too long; nothing changed, try again
  'UNAVAILABLE', // the kiosk cannot reach or write its records (disk full, server down); nothing changed
  'DIRECTORY_UNAVAILABLE', // the organisation's directory (LDAP / AD) cannot be reached or refused the kiosk; nothing changed
  'PASSWORD_REJECTED', // details.rules: PolicyRuleCode[]
  'PASSWORDS_DIFFER',
  'SIGN_IN_FAILED', // username and current password do not match (an unknown name gets the same answer)
  'ACCOUNT_LOCKED', // the right current password, but the account is locked: use "Account locked?"
  'ACCOUNT_DISABLED', // the right current password, but the account is disabled: see the Service Desk
  'NOT_AVAILABLE', // e.g. demo-only channel outside demo mode
  'EMAIL_INVALID', // not an email address
  'EMAILS_DIFFER', // the two typings of the new email differ
  'EMAIL_DOMAIN_BLOCKED', // an address at one of the organisation's own domains: a personal one is wanted
  'PHONE_INVALID', // not a mobile number the kiosk can text
  'METHOD_ALREADY_REGISTERED', // that email or number is already on the account
  'METHODS_REQUIRED', // removing it would leave fewer than registration.requiredMethods
  'METHOD_COOLING_OFF', // the method was added too recently to be used for reset; details.until
  'REGISTRATION_UNAVAILABLE', // this kiosk cannot keep authenticator secrets safely (e.g. no OS keyring)
  'TECHNICIAN_REQUIRED', // a technician channel with no technician session open in main
  'TECHNICIAN_SIGN_IN_FAILED', // wrong username, password or app code, or a disabled technician (one answer for all)
  'PERSON_NOT_FOUND', // no account by that username (technicians only: they may know)
  'TICKET_NOT_FOUND', // no such help ticket, or it has expired
  'ID_CHECK_REQUIRED', // record the identity check before acting on the person
  'ID_DOCUMENT_UNKNOWN', // not one of config technician.idDocuments
  'NO_PERSON', // look a person up first
  'NOT_REGISTERED', // the person has no method a code can go to (reset with a code)
  'ALREADY_REGISTERED', // enrolling a first method, but the person has one: they register themselves
  'QUIT_REFUSED', // quitting needs a technician session or the right admin PIN
  'INTERNAL', // unexpected failure; logged in main without secrets
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorDetails {
  triesLeft?: number;
  retryAfterSeconds?: number;
  /** When a block or wait ends, as an ISO time, so the screen can name a time of day. */
  until?: string;
  rules?: string[];
}

export interface KioskError {
  code: ErrorCode;
  details?: ErrorDetails;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, details?: ErrorDetails): Result<T> {
  return details === undefined ? { ok: false, error: { code } } : { ok: false, error: { code, details } };
}
