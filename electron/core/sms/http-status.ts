import { gatewayOrigin } from './http-exchange.js';
import { SmsDeliveryError, type SmsErrorClass } from './sms-errors.js';

/**
 * What an HTTP status means for a send or a probe. 2xx is success and nothing else is.
 *
 * On a send, 400, 404 and 422 count as the provider refusing the number: gateways answer a
 * malformed, unknown or unreachable number with one of these, and the person at the kiosk can do
 * something about it (another number, the Service Desk). A probe concerns no number, so there they
 * are a provider problem (a wrong health URL, a bad request of ours). 401, 403 and 407 are always
 * our credentials. Everything else, 3xx (never followed), 408, 429 and 5xx, is the provider's side.
 */
export function statusClass(status: number, purpose: 'send' | 'probe'): SmsErrorClass | null {
  if (status >= 200 && status <= 299) return null;
  if (status === 401 || status === 403 || status === 407) return 'auth';
  if (purpose === 'send' && (status === 400 || status === 404 || status === 422)) return 'rejected_recipient';
  return 'provider';
}

export function statusFailure(errorClass: SmsErrorClass, status: number, what: { url: string; purpose: string; detail?: string }): SmsDeliveryError {
  const parts = [errorClass, `HTTP ${status}`, ...(what.detail === undefined ? [] : [what.detail])];
  return new SmsDeliveryError(errorClass, `${what.purpose} not accepted by ${gatewayOrigin(what.url)} (${parts.join(', ')})`, status);
}

/** Throws the classified failure for any status that is not 2xx. */
export function requireSuccess(status: number, purpose: 'send' | 'probe', what: { url: string; purpose: string }): void {
  const errorClass = statusClass(status, purpose);
  if (errorClass !== null) throw statusFailure(errorClass, status, what);
}
