import { SmsDeliveryError, type SmsErrorClass } from './sms-errors.js';

/**
 * One HTTP request to a text-message gateway through Node's fetch, bounded in time from the first
 * byte sent to the last byte of the answer read. Redirects are not followed: a 3xx is an answer
 * like any other, so a secret header can never travel on to a host the configuration did not name.
 */

export type FetchFunction = typeof fetch;

export interface GatewayRequest {
  url: string;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** "text message" or "probe": what the error message says was attempted. */
  purpose: string;
}

export interface GatewayAnswer {
  status: number;
  /** At most maxAnswerBytes of the body, for a provider's error code; never put into a message. */
  body: string;
}

// A provider's JSON error is a few hundred bytes; more is not needed and is not read.
const maxAnswerBytes = 16 * 1024;

/** scheme://host:port only: a path or query may carry an API key. */
export function gatewayOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

const timeoutCodes = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Node's error codes behind a failed fetch (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED...), outermost first. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const pending: unknown[] = [error];
  // Causes nest (TypeError -> Error), and a connection to several addresses fails as an AggregateError.
  for (let depth = 0; pending.length > 0 && depth < 10; depth += 1) {
    const current = pending.shift();
    if (typeof current !== 'object' || current === null) continue;
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) && !codes.includes(code)) codes.push(code);
    if (cause !== undefined) pending.push(cause);
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return codes;
}

export function networkFailure(error: unknown, timedOut: boolean, request: Pick<GatewayRequest, 'url' | 'purpose' | 'timeoutMs'>): SmsDeliveryError {
  const codes = errorCodes(error);
  const errorClass: SmsErrorClass = timedOut || codes.some((code) => timeoutCodes.has(code)) ? 'timeout' : 'connection';
  const detail = errorClass === 'timeout' ? [`no answer within ${request.timeoutMs / 1000} s`, ...codes] : codes;
  // The fetch error's own message is left out: it is not ours and could one day quote the request.
  return new SmsDeliveryError(errorClass, `${request.purpose} failed: ${gatewayOrigin(request.url)} unreachable (${[errorClass, ...detail].join(', ')})`);
}

async function readLimited(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= maxAnswerBytes) {
      await reader.cancel();
      break;
    }
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxAnswerBytes));
}

export async function exchange(fetchFunction: FetchFunction, request: GatewayRequest): Promise<GatewayAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  try {
    const response = await fetchFunction(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal: controller.signal,
    });
    return { status: response.status, body: await readLimited(response) };
  } catch (error) {
    throw networkFailure(error, timedOut, request);
  } finally {
    clearTimeout(timer);
  }
}
