import type { AuditDetailValue } from '../audit/audit-trail.js';

/**
 * What the desk needs to tell a rotated relay password from an outage, without any secret: the
 * failure's class, and the server's reply code or HTTP status when there was one. Read off the
 * mail module's MailDeliveryError and the text providers' SmsDeliveryError alike.
 */
export interface DeliveryFailureSummary {
  errorClass: string;
  replyCode?: number;
  command?: string;
  status?: number;
}

interface TypedDeliveryError {
  errorClass?: unknown;
  failure?: unknown;
  replyCode?: unknown;
  responseCode?: unknown;
  command?: unknown;
  status?: unknown;
}

export function summariseDeliveryFailure(error: unknown): DeliveryFailureSummary {
  const typed = (typeof error === 'object' && error !== null ? error : {}) as TypedDeliveryError;
  const errorClass = typeof typed.errorClass === 'string' ? typed.errorClass : typeof typed.failure === 'string' ? typed.failure : 'unknown';
  const summary: DeliveryFailureSummary = { errorClass };
  const replyCode = typed.replyCode ?? typed.responseCode;
  if (typeof replyCode === 'number') summary.replyCode = replyCode;
  // Mail errors name the SMTP command from a fixed list; anything else is left out rather than trusted.
  if (typeof typed.command === 'string' && /^[A-Z ]{2,12}$/.test(typed.command)) summary.command = typed.command;
  if (typeof typed.status === 'number') summary.status = typed.status;
  return summary;
}

export function failureDetail(summary: DeliveryFailureSummary): Record<string, AuditDetailValue> {
  return { ...summary };
}

export function describeFailureSummary(summary: DeliveryFailureSummary): string {
  const parts = [summary.errorClass];
  if (summary.command !== undefined) parts.push(summary.command);
  if (summary.replyCode !== undefined) parts.push(`reply ${summary.replyCode}`);
  if (summary.status !== undefined) parts.push(`HTTP ${summary.status}`);
  return parts.join(', ');
}
