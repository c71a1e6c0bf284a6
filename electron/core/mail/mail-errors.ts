/**
 * Typed failures of the mail module. Messages name the field, variable or server reply that went
 * wrong and never carry a message body, a code or a secret value, so callers may log them as they are.
 */

/** A template was handed a value it cannot render safely; nothing was rendered. */
export class MailInputError extends Error {
  override readonly name = 'MailInputError';
  readonly code = 'MAIL_INPUT_INVALID';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

export type MailConfigProblem = 'SMTP_PASSWORD_ENV_MISSING' | 'SMTP_CA_FILE_UNREADABLE' | 'MAIL_FROM_INVALID';

/** The SMTP settings cannot work; raised when the sender is created, before anything is sent. */
export class MailConfigError extends Error {
  override readonly name = 'MailConfigError';
  constructor(
    readonly code: MailConfigProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Why a message did not reach the server's acceptance:
 * - address: the recipient is not one plain address (refused before connecting);
 * - connection: no SMTP conversation (refused, timed out, DNS, socket closed);
 * - tls: STARTTLS missing or failed, or the certificate was refused;
 * - auth: the server refused the credentials;
 * - rejected: the server answered the envelope or the message with an error;
 * - closed: the sender was closed before this send;
 * - unknown: anything else.
 */
export type MailDeliveryFailure = 'address' | 'connection' | 'tls' | 'auth' | 'rejected' | 'closed' | 'unknown';

export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  readonly code = 'MAIL_NOT_DELIVERED';
  constructor(
    readonly failure: MailDeliveryFailure,
    message: string,
    /** SMTP reply code when the server answered, e.g. 550. */
    readonly responseCode?: number,
  ) {
    super(message);
  }
}
