/**
 * The seams every service receives instead of reaching for globals (STYLE.md: no Date.now(),
 * Math.random() or `import nodemailer` inside services). Tests hand in fixed clocks and fakes.
 */

export interface Clock {
  now(): Date;
}

export interface RandomSource {
  /** Uniform integer in [min, max), from a CSPRNG in production (crypto.randomInt). */
  int(min: number, max: number): number;
  bytes(length: number): Buffer;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
  /** True when a stored hash used weaker parameters than the current ones (upgrade on next change). */
  needsRehash(phc: string): boolean;
}

export interface AccountRecord {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  status: 'active' | 'disabled';
  locked: boolean;
}

export interface ContactRecord {
  kind: 'email' | 'phone';
  value: string;
  verifiedAt: string | null;
}

/**
 * Password and lock operations. The embedded SQLite directory is the default; an LDAP / Active
 * Directory implementation will sit behind the same interface, so nothing here may assume SQL.
 */
/** What a sign-in with the current password found: only `ok` lets the person on. */
export type SignInOutcome = 'ok' | 'wrong' | 'locked' | 'disabled';

export interface Directory {
  /**
   * Checks that the directory can be asked at all, the same way whatever name was typed (the embedded
   * one always can); throws DirectoryUnavailableError otherwise. Steps that will need the directory
   * call it first, so a directory that is down is said at once, to everyone alike.
   */
  probe(): Promise<void>;
  findAccount(username: string): Promise<AccountRecord | null>;
  /**
   * A sign-in attempt with the current password, as the directory judges it: a wrong password counts
   * toward the directory's lockout; a locked or disabled account says so only when the password was
   * right. LDAP and AD refuse every bind to a locked account, so there "locked" is said whatever the
   * password, as Windows itself says at logon; so is "disabled" on OpenLDAP, whose administrative lock
   * refuses every bind alike.
   */
  signIn(accountId: number, password: string): Promise<SignInOutcome>;
  /** Checks a password without counting as a sign-in attempt (tests, tools). */
  verifyPassword(accountId: number, password: string): Promise<boolean>;
  /** Sets the password (already policy-checked), moves the old one into history, clears the lock. */
  setPassword(accountId: number, newPassword: string): Promise<void>;
  /**
   * Every stored hash the new password must not match: current first, then history (newest first).
   * LDAP and AD hand out none ([]): the kiosk's own history (history/password-history.ts) holds.
   */
  passwordHashes(accountId: number, limit: number | 'all'): Promise<string[]>;
  /**
   * When the password last changed, by the directory's own record: after a crash between asking the
   * directory and writing the audit, this is how the kiosk learns whether the change happened.
   */
  passwordChangedAt(accountId: number): Promise<Date | null>;
  isLocked(accountId: number): Promise<boolean>;
  /** Clears the lock and the failed sign-ins that led to it; the password stays as it is. */
  unlock(accountId: number): Promise<void>;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends one message or throws (a MailDeliveryError for SMTP); callers decide what a failure means
 * to the person.
 */
export interface EmailSender {
  send(message: OutgoingEmail): Promise<void>;
  /**
   * Checks that the relay can be used at all (connect, TLS, login) without naming any recipient:
   * the kiosk judges the channel's health by this, the same way whoever asked for a code.
   */
  probe(): Promise<void>;
  close(): void;
}

export interface OutgoingText {
  /** E.164, e.g. +447400123456. */
  to: string;
  text: string;
}

/**
 * Pluggable text-message delivery: Microsoft retires its own in 2027, so no single vendor. Both
 * methods reject with an SmsDeliveryError (electron/core/sms/sms-errors.ts) that names its class.
 */
export interface SmsProvider {
  readonly name: string;
  /** Resolves once the provider accepted the message for delivery. */
  send(message: OutgoingText): Promise<void>;
  /** The provider's health apart from any one recipient (see EmailSender.probe). */
  probe(): Promise<void>;
}

/**
 * The guessable-password engine (banned terms, context words, breached list). It lives behind this
 * one seam so the policy check does not care how it is built; it is synchronous once loaded.
 */
export interface GuessabilityContext {
  username: string;
  firstName?: string;
  lastName?: string;
}

export interface GuessabilityChecker {
  /** Rule codes among 'banned_term' | 'breached' | 'contains_name' | 'contains_username' | 'contains_org_name'. */
  check(password: string, context: GuessabilityContext): import('../../shared/policy/rule-codes.js').PolicyRuleCode[];
}

/**
 * Keeps a key safe at rest on this machine. Under plain Node (preview, tests, admin) the key file's
 * 0600 mode is the protection (seal/open are the identity); under Electron the OS keyring protects it
 * through `safeStorage`. `refusal` says, in words, why secrets cannot be kept safely here (e.g. Linux
 * `basic_text`); while it is set, nothing that needs such a secret (authenticator apps) is offered.
 */
export interface KeyProtector {
  /** For logs and the README: "file", "gnome_libsecret", "kwallet", ... */
  backend: string;
  refusal: string | null;
  /**
   * Whether seal/open really transform the bytes. A key file the kiosk creates is written sealed only
   * then (and only without a refusal); otherwise it is written plain, as an admin would provision it.
   */
  seals: boolean;
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}
