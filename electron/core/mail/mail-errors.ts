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
 * Why a message did not reach the server's acceptance (or why a probe of the relay failed):
 * - connection: no SMTP conversation (refused, timed out, DNS, socket closed, not an SMTP server);
 * - tls: STARTTLS missing or failed, or the certificate was refused;
 * - auth: the server refused the credentials, or wants a login the configuration does not give;
 * - sender_rejected: the server refused the envelope sender (MAIL FROM, e.g. 553 "not owned by
 *   user"), including a sender check a relay defers to RCPT TO ("Sender address rejected");
 * - recipient_rejected: the server refused the recipient at RCPT TO (e.g. 550 "User unknown");
 * - message_rejected: the server refused the message itself at DATA (content, size, policy);
 * - address: the recipient is not one plain address (refused before connecting);
 * - closed: the sender was closed before this send;
 * - unknown: anything else.
 * See mail-failure-summary.ts for which of these are the relay's fault and which the recipient's.
 */
export type MailDeliveryFailure =
  | 'connection'
  | 'tls'
  | 'auth'
  | 'sender_rejected'
  | 'recipient_rejected'
  | 'message_rejected'
  | 'address'
  | 'closed'
  | 'unknown';

/** The SMTP step a failure happened at; CONNECT covers the connection and the server's greeting. */
export type SmtpCommand = 'CONNECT' | 'EHLO' | 'HELO' | 'STARTTLS' | 'AUTH' | 'MAIL FROM' | 'RCPT TO' | 'DATA' | 'RSET';

export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  readonly code = 'MAIL_NOT_DELIVERED';
  /** SMTP reply code when the server answered, e.g. 550. */
  readonly replyCode: number | undefined;
  readonly command: SmtpCommand | undefined;

  constructor(
    readonly errorClass: MailDeliveryFailure,
    message: string,
    details: { replyCode?: number | undefined; command?: SmtpCommand | undefined } = {},
  ) {
    super(message);
    this.replyCode = details.replyCode;
    this.command = details.command;
  }
}
