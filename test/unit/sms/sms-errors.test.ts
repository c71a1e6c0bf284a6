import { describe, expect, it } from 'vitest';
import { exchange, gatewayOrigin } from '../../../electron/core/sms/http-exchange.js';
import { statusClass } from '../../../electron/core/sms/http-status.js';
import { SmsDeliveryError, smsFailureSummary } from '../../../electron/core/sms/sms-errors.js';

describe('summarising a failure for an audit row or a log line', () => {
  it('keeps the class and the HTTP status, and nothing else', () => {
    const error = new SmsDeliveryError('provider', 'text message not accepted by https://gw.example (provider, HTTP 503)', 503);
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'provider', status: 503 });
    expect(smsFailureSummary(new SmsDeliveryError('timeout', 'x'))).toEqual({ errorClass: 'timeout' });
  });

  it('counts anything that is not an SmsDeliveryError as a provider failure', () => {
    expect(smsFailureSummary(new Error('secret stuff'))).toEqual({ errorClass: 'provider' });
    expect(smsFailureSummary('boom')).toEqual({ errorClass: 'provider' });
  });

  it('gives "closed" the NOT_AVAILABLE code the screens know, and every other class SMS_NOT_DELIVERED', () => {
    expect(new SmsDeliveryError('closed', 'x').code).toBe('NOT_AVAILABLE');
    expect(new SmsDeliveryError('auth', 'x').code).toBe('SMS_NOT_DELIVERED');
  });
});

describe('what an HTTP status means', () => {
  it('on a send: 2xx success, 401/403/407 auth, 400/404/422 the number, anything else the provider', () => {
    expect([200, 201, 202, 204].map((status) => statusClass(status, 'send'))).toEqual([null, null, null, null]);
    expect([401, 403, 407].map((status) => statusClass(status, 'send'))).toEqual(['auth', 'auth', 'auth']);
    expect([400, 404, 422].map((status) => statusClass(status, 'send'))).toEqual(['rejected_recipient', 'rejected_recipient', 'rejected_recipient']);
    expect([301, 302, 408, 409, 429, 500, 502, 503].map((status) => statusClass(status, 'send'))).toEqual(Array(8).fill('provider'));
  });

  it('on a probe, which concerns no number: 400/404/422 are the provider’s', () => {
    expect([400, 404, 422].map((status) => statusClass(status, 'probe'))).toEqual(['provider', 'provider', 'provider']);
    expect(statusClass(403, 'probe')).toBe('auth');
  });
});

describe('a gateway exchange that fails below HTTP', () => {
  const request = { url: 'https://gw.example:8443/send?apikey=SECRET', method: 'POST' as const, headers: {}, body: 'x', timeoutMs: 5000, purpose: 'text message' };
  const failing = (cause: unknown) => (async () => {
    throw Object.assign(new TypeError('fetch failed'), { cause });
  }) as unknown as typeof fetch;

  it('reads the Node error code behind fetch’s TypeError: refused, DNS and reset are connection failures', async () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'UND_ERR_SOCKET', 'CERT_HAS_EXPIRED']) {
      const error = await exchange(failing(Object.assign(new Error('x'), { code })), request).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(SmsDeliveryError);
      expect(smsFailureSummary(error)).toEqual({ errorClass: 'connection' });
      expect((error as Error).message).toBe(`text message failed: https://gw.example:8443 unreachable (connection, ${code})`);
    }
  });

  it('finds the code inside an AggregateError (several addresses tried) and counts undici’s timeouts as timeout', async () => {
    const aggregate = new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'all failed');
    expect(smsFailureSummary(await exchange(failing(aggregate), request).catch((reason: unknown) => reason))).toEqual({ errorClass: 'connection' });
    const headersTimeout = Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(smsFailureSummary(await exchange(failing(headersTimeout), request).catch((reason: unknown) => reason))).toEqual({ errorClass: 'timeout' });
  });

  it('names the gateway by scheme, host and port only: never its path or query', () => {
    expect(gatewayOrigin('https://gw.example/api/v1/send?apikey=SECRET')).toBe('https://gw.example');
  });
});
