/**
 * Typed failures of the text-message providers. Messages name the provider, the gateway's origin
 * (scheme, host and port: never its path or query, which may carry an API key), the class and the
 * HTTP status; never the message text (it holds a one-time code), the number or a secret value, so
 * callers may log them as they are.
 */

/**
 * Why a text message (or a probe) did not get the provider's acceptance:
 * - connection: no HTTP exchange (refused, DNS, reset, TLS handshake or certificate failure);
 * - timeout: no complete answer within sms.timeoutSeconds;
 * - auth: the provider refused our credentials (HTTP 401, 403, 407);
 * - rejected_recipient: the provider refused this number (HTTP 400, 404, 422 on a send);
 * - provider: any other answer that is not 2xx (5xx, 429, 3xx...), or a provider-side problem;
 * - address: our own check refused the number before anything was sent;
 * - closed: text messages are not available (sms.provider is none).
 */
export type SmsErrorClass = 'connection' | 'timeout' | 'auth' | 'rejected_recipient' | 'provider' | 'address' | 'closed';

export class SmsDeliveryError extends Error {
  override readonly name = 'SmsDeliveryError';
  /** NOT_AVAILABLE matches the IPC error code the screens already know for "no text messages here". */
  readonly code: 'SMS_NOT_DELIVERED' | 'NOT_AVAILABLE';
  constructor(
    readonly errorClass: SmsErrorClass,
    message: string,
    /** The HTTP status when the provider answered. */
    readonly status?: number,
  ) {
    super(message);
    this.code = errorClass === 'closed' ? 'NOT_AVAILABLE' : 'SMS_NOT_DELIVERED';
  }
}

export type SmsConfigProblem = 'SMS_SECRET_ENV_MISSING' | 'SMS_SECRET_ENV_INVALID' | 'SMS_DEPENDENCY_MISSING';

/** The text-message settings cannot work; raised when the provider is created, before anything is sent. */
export class SmsConfigError extends Error {
  override readonly name = 'SmsConfigError';
  constructor(
    readonly code: SmsConfigProblem,
    message: string,
  ) {
    super(message);
  }
}

/** What an audit row or a log line may say about a failed send or probe. */
export interface SmsFailureSummary {
  errorClass: SmsErrorClass;
  status?: number;
}

/** Reduces any failure to its class (and HTTP status); anything that is not ours counts as `provider`. */
export function smsFailureSummary(error: unknown): SmsFailureSummary {
  if (!(error instanceof SmsDeliveryError)) return { errorClass: 'provider' };
  return error.status === undefined ? { errorClass: error.errorClass } : { errorClass: error.errorClass, status: error.status };
}
