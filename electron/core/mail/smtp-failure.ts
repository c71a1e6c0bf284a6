import { MailDeliveryError, type MailDeliveryFailure, type SmtpCommand } from './mail-errors.js';

/**
 * Turns what nodemailer throws into a MailDeliveryError the desk can act on: which class of
 * failure, at which SMTP command, with which reply code. Only fixed vocabularies and the server's
 * first reply line are kept, so nothing the kiosk sent (password, code, message) can come back out.
 */

/** The fields nodemailer sets on its errors (smtp-connection's _formatError). */
interface NodemailerFailure {
  code?: unknown;
  /** Node's own code behind a socket error, e.g. DEPTH_ZERO_SELF_SIGNED_CERT or ECONNREFUSED. */
  originalCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
}

const connectionCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROXY']);
const namedCommands: readonly SmtpCommand[] = ['EHLO', 'HELO', 'STARTTLS', 'MAIL FROM', 'RCPT TO', 'DATA', 'RSET'];

/**
 * nodemailer's command label mapped onto SmtpCommand. A fixed list, because a custom AUTH
 * handler's label could carry credentials; 'API' (nodemailer refusing before sending) is no command.
 */
export function smtpCommandOf(label: unknown): SmtpCommand | undefined {
  if (typeof label !== 'string') return undefined;
  const upper = label.toUpperCase();
  if (upper === 'CONN') return 'CONNECT';
  if (upper === 'AUTH' || upper.startsWith('AUTH ')) return 'AUTH';
  return namedCommands.find((command) => command === upper);
}

function replyCodeOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 599 ? value : undefined;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function fieldsOf(raw: unknown): NodemailerFailure {
  return typeof raw === 'object' && raw !== null ? (raw as NodemailerFailure) : {};
}

export function classifySmtpFailure(raw: unknown): MailDeliveryFailure {
  const error = fieldsOf(raw);
  const code = textOf(error.code);
  const command = smtpCommandOf(error.command);
  const replyCode = replyCodeOf(error.responseCode);
  const reply = textOf(error.response);
  // Certificate and handshake failures reach nodemailer as socket errors; only Node's code tells them apart.
  if (/CERT|TLS|SSL|SELF_SIGNED|HOSTNAME|ALTNAME/.test(textOf(error.originalCode))) return 'tls';
  if (code === 'ETLS' || code === 'EREQUIRETLS' || command === 'STARTTLS') return 'tls';
  // 530 (RFC 4954) is "log in first", or with Postfix's wording "issue a STARTTLS command first".
  if (replyCode === 530) return /STARTTLS/i.test(reply) ? 'tls' : 'auth';
  if (code === 'EAUTH' || code === 'ENOAUTH') return 'auth';
  if (connectionCodes.has(code)) return 'connection';
  if (code === 'EPROTOCOL') return command === 'CONNECT' || command === 'EHLO' || command === 'HELO' ? 'connection' : 'unknown';
  if (code === 'EMESSAGE') return 'message_rejected';
  if (replyCode === undefined || replyCode < 400) {
    // nodemailer's own envelope check, before anything reached the server.
    return code === 'EENVELOPE' && command === undefined ? 'address' : 'unknown';
  }
  switch (command) {
    case 'MAIL FROM':
      return 'sender_rejected';
    case 'RCPT TO':
      // Postfix by default runs its sender checks when the first RCPT TO arrives (smtpd_delay_reject):
      // the refusal names the sender, and no other recipient would fare better.
      return /Sender address rejected/i.test(reply) ? 'sender_rejected' : 'recipient_rejected';
    case 'DATA':
      return 'message_rejected';
    default:
      return 'unknown';
  }
}

/**
 * A failure described without the message itself: its class, the SMTP command and the server's
 * one-line reply (it names the reason, e.g. "550 5.1.1 User unknown", and never echoes the body).
 */
export function smtpFailure(raw: unknown, what: string): MailDeliveryError {
  const error = fieldsOf(raw);
  const errorClass = classifySmtpFailure(error);
  const command = smtpCommandOf(error.command);
  const replyCode = replyCodeOf(error.responseCode);
  const reply = textOf(error.response).split(/\r?\n/)[0]!.slice(0, 200);
  const codes = [error.code, error.originalCode].filter((code): code is string => typeof code === 'string' && /^[A-Z0-9_]+$/.test(code));
  const parts = [`${what} (${[errorClass, ...codes].join(', ')})`];
  if (command) parts.push(`command ${command}`);
  if (reply) parts.push(`server said: ${reply}`);
  return new MailDeliveryError(errorClass, parts.join('; '), { replyCode, command });
}
