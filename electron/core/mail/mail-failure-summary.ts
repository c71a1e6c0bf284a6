import { MailDeliveryError, type MailDeliveryFailure, type SmtpCommand } from './mail-errors.js';

/**
 * What an audit row or a log line may say about a failed send: the class, the SMTP reply code and
 * the command, and nothing else. No server text, address, password, code or message body, so the
 * summary can be stored and shown at the desk as it is.
 */
// A type, not an interface, so it fits AuditEntry.detail (a Record) as it is.
export type MailFailureSummary = {
  errorClass: MailDeliveryFailure;
  replyCode?: number;
  command?: SmtpCommand;
};

/**
 * Provider-level failures: the relay itself is unusable, for every recipient, until someone fixes
 * the relay or the kiosk's mail settings (connection, tls, auth, sender_rejected). Everything else
 * is recipient-level or local: recipient_rejected and message_rejected concern this one message or
 * address, and the relay still works for others; address, closed and unknown are the kiosk's own.
 */
const providerLevel: ReadonlySet<MailDeliveryFailure> = new Set(['connection', 'tls', 'auth', 'sender_rejected']);

export function isProviderLevelFailure(errorClass: MailDeliveryFailure): boolean {
  return providerLevel.has(errorClass);
}

/** Anything thrown by an EmailSender, reduced to its non-secret summary ('unknown' if not a MailDeliveryError). */
export function mailFailureSummary(error: unknown): MailFailureSummary {
  if (!(error instanceof MailDeliveryError)) return { errorClass: 'unknown' };
  return {
    errorClass: error.errorClass,
    ...(error.replyCode === undefined ? {} : { replyCode: error.replyCode }),
    ...(error.command === undefined ? {} : { command: error.command }),
  };
}
