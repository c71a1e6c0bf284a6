import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { SmsProvider } from '../../../electron/core/ports.js';
import { createSmsProvider } from '../../../electron/core/sms/create-sms-provider.js';
import { SmsDeliveryError, smsFailureSummary } from '../../../electron/core/sms/sms-errors.js';
import { smsSchema } from '../../../shared/config/sms-config-schema.js';
import { waitUntil } from '../../support/wait-until.js';
import { selfSignedCertificate, unusedPort } from '../mail/smtp-test-server.js';
import { startGateway, startSilentServer, type TestGateway } from './gateway-test-server.js';

const secret = 'sk_live_9f8e7d6c5b4a-never-print';
const env = { SSPR_SMS_TOKEN: secret };
const to = '+447400123456';
const text = 'Example University password reset code: 04821377\nIt works for 10 minutes, once. Never share this code.';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
// One self-signed certificate for the file: openssl takes a moment, and no client here trusts it anyway.
let certificate: ReturnType<typeof selfSignedCertificate> | undefined;
function untrustedCertificate(): { key: string; cert: string } {
  certificate ??= selfSignedCertificate('sms.gateway.test');
  return { key: certificate.key, cert: certificate.cert };
}
afterAll(() => certificate?.dispose());

async function gateway(options: Parameters<typeof startGateway>[0] = {}): Promise<TestGateway> {
  const started = await startGateway(options);
  cleanups.push(() => started.close());
  return started;
}

/** An http provider as the schema builds it from the file, pointed at a loopback gateway. */
function httpProvider(url: string, extra: object = {}): SmsProvider {
  const config = smsSchema.parse({
    provider: 'http',
    url,
    allowInsecureHttp: true,
    headers: { 'X-Client': 'sspr-kiosk' },
    secretHeader: { name: 'Authorization', prefix: 'Bearer ', valueEnv: 'SSPR_SMS_TOKEN' },
    body: { encoding: 'json', template: { to: '{to}', message: '{text}', sender: '{from}', channel: 'sms' } },
    from: 'ExampleUni',
    ...extra,
  });
  return createSmsProvider(config, { env });
}

async function failureOf(promise: Promise<unknown>): Promise<SmsDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SmsDeliveryError);
  return error as SmsDeliveryError;
}

/** Nothing a failure carries may hold the secret, the code, the number or the URL's query. */
function expectNothingSecretIn(error: SmsDeliveryError): void {
  const shown = [error.message, String(error), error.stack ?? '', JSON.stringify(error), JSON.stringify(smsFailureSummary(error))].join('\n');
  for (const value of [secret, '04821377', to, '7400123456', 'key=abc', '/send']) expect(shown).not.toContain(value);
}

describe('http gateway: what it sends', () => {
  it('posts the JSON template with the number, the text and the sender, and the plain and secret headers', async () => {
    const gw = await gateway();
    await httpProvider(gw.url('/send?key=abc')).send({ to, text });

    expect(gw.requests).toHaveLength(1);
    const [request] = gw.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/send?key=abc');
    expect(request!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request!.headers['x-client']).toBe('sspr-kiosk');
    expect(request!.headers.authorization).toBe(`Bearer ${secret}`);
    expect(JSON.parse(request!.body)).toEqual({ to, message: text, sender: 'ExampleUni', channel: 'sms' });
  });

  it('keeps quotes, braces and placeholders in the text as text', async () => {
    const gw = await gateway();
    const tricky = 'Code "1234", "admin": true } {to} {from}';
    await httpProvider(gw.url('/send')).send({ to, text: tricky });
    expect(JSON.parse(gw.requests[0]!.body)).toEqual({ to, message: tricky, sender: 'ExampleUni', channel: 'sms' });
  });

  it('sends a form body with PUT when configured, with & and = in the text encoded', async () => {
    const gw = await gateway();
    const provider = httpProvider(gw.url('/messages'), {
      method: 'PUT',
      body: { encoding: 'form', template: { To: '{to}', Body: '{text}', From: '{from}' } },
    });
    await provider.send({ to, text: 'a&admin=1+2 ü' });

    const [request] = gw.requests;
    expect(request!.method).toBe('PUT');
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    const fields = new URLSearchParams(request!.body);
    expect([...fields.entries()]).toEqual([
      ['To', to],
      ['Body', 'a&admin=1+2 ü'],
      ['From', 'ExampleUni'],
    ]);
  });

  it('refuses a number that is not E.164 or not a mobile before anything is sent', async () => {
    const gw = await gateway();
    const provider = httpProvider(gw.url('/send'));
    for (const bad of ['07400 123456', '+44 7400 123456', '+442079460000', 'not a number', '']) {
      const error = await failureOf(provider.send({ to: bad, text }));
      expect(smsFailureSummary(error), bad).toEqual({ errorClass: 'address' });
    }
    expect(gw.requests).toEqual([]);
  });
});

describe('http gateway: what its answers mean', () => {
  it('any 2xx is success', async () => {
    const gw = await gateway();
    for (const status of [200, 201, 202, 204]) {
      gw.reply({ status });
      await expect(httpProvider(gw.url('/send')).send({ to, text })).resolves.toBeUndefined();
    }
  });

  it('500 is a provider failure with its status, and the error holds no secret, code, number or query', async () => {
    const gw = await gateway();
    gw.reply({ status: 500, body: `{"error":"internal","echo":"${text}"}` });
    const error = await failureOf(httpProvider(gw.url('/send?key=abc')).send({ to, text }));
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'provider', status: 500 });
    expect(error.message).toBe(`text message not accepted by http://127.0.0.1:${gw.port} (provider, HTTP 500)`);
    expectNothingSecretIn(error);
  });

  it('401 and 403 are our credentials', async () => {
    const gw = await gateway();
    for (const status of [401, 403]) {
      gw.reply({ status, body: '{"error":"bad token"}' });
      const error = await failureOf(httpProvider(gw.url('/send?key=abc')).send({ to, text }));
      expect(smsFailureSummary(error)).toEqual({ errorClass: 'auth', status });
      expectNothingSecretIn(error);
    }
  });

  it('400, 404 and 422 are the gateway refusing the number', async () => {
    const gw = await gateway();
    for (const status of [400, 404, 422]) {
      gw.reply({ status, body: `{"error":"invalid number ${to}"}` });
      const error = await failureOf(httpProvider(gw.url('/send?key=abc')).send({ to, text }));
      expect(smsFailureSummary(error)).toEqual({ errorClass: 'rejected_recipient', status });
      expectNothingSecretIn(error);
    }
  });

  it('429 is the provider’s, and a redirect is not followed: the secret never reaches the other host', async () => {
    const gw = await gateway();
    gw.reply({ status: 429 });
    expect(smsFailureSummary(await failureOf(httpProvider(gw.url('/send')).send({ to, text })))).toEqual({ errorClass: 'provider', status: 429 });

    // 307 keeps the method and body: if it were followed, `elsewhere` would get the message and the header.
    const elsewhere = await gateway();
    gw.reply(() => ({ status: 307, location: elsewhere.url('/steal') }));
    const error = await failureOf(httpProvider(gw.url('/send')).send({ to, text }));
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'provider', status: 307 });
    expect(elsewhere.requests).toEqual([]);
  });

  it('a gateway that never answers is a timeout, within the configured timeout', async () => {
    const gw = await gateway();
    gw.reply('never-answer');
    const started = performance.now();
    const error = await failureOf(httpProvider(gw.url('/send?key=abc'), { timeoutSeconds: 1 }).send({ to, text }));
    const elapsed = performance.now() - started;
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2500);
    expect(gw.requests).toHaveLength(1);
    expectNothingSecretIn(error);
  });

  it('a closed port is a connection failure', async () => {
    const port = await unusedPort();
    const error = await failureOf(httpProvider(`http://127.0.0.1:${port}/send?key=abc`).send({ to, text }));
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'connection' });
    expect(error.message).toBe(`text message failed: http://127.0.0.1:${port} unreachable (connection, ECONNREFUSED)`);
    expectNothingSecretIn(error);
  });

  it('an https gateway whose certificate is not trusted is a connection failure, and gets no message', async () => {
    const gw = await gateway({ tls: untrustedCertificate() });
    const error = await failureOf(httpProvider(gw.url('/send?key=abc'), { allowInsecureHttp: false }).send({ to, text }));
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'connection' });
    expect(gw.requests).toEqual([]);
    expectNothingSecretIn(error);
  });
});

describe('http gateway: probe', () => {
  it('asks the health URL with the gateway’s headers, secret included, when it is on the same host', async () => {
    const gw = await gateway();
    const provider = httpProvider(gw.url('/send'), { healthCheck: { url: gw.url('/health') } });
    await expect(provider.probe()).resolves.toBeUndefined();
    expect(gw.requests.map((request) => [request.method, request.path, request.headers.authorization, request.body])).toEqual([
      ['GET', '/health', `Bearer ${secret}`, ''],
    ]);
  });

  it('sends HEAD when configured, and no headers at all to a health URL on another host', async () => {
    const gw = await gateway();
    const health = await gateway();
    const provider = httpProvider(gw.url('/send'), { healthCheck: { url: health.url('/status'), method: 'HEAD' } });
    await provider.probe();
    expect(health.requests).toHaveLength(1);
    expect(health.requests[0]!.method).toBe('HEAD');
    expect(health.requests[0]!.headers.authorization).toBeUndefined();
    expect(health.requests[0]!.headers['x-client']).toBeUndefined();
    expect(gw.requests).toEqual([]);
  });

  it('fails as provider on a 500 or a 404, as auth on a 401, as connection when refused', async () => {
    const gw = await gateway();
    const provider = httpProvider(gw.url('/send'), { healthCheck: { url: gw.url('/health') } });
    gw.reply({ status: 500 });
    expect(smsFailureSummary(await failureOf(provider.probe()))).toEqual({ errorClass: 'provider', status: 500 });
    gw.reply({ status: 404 });
    expect(smsFailureSummary(await failureOf(provider.probe()))).toEqual({ errorClass: 'provider', status: 404 });
    gw.reply({ status: 401 });
    const auth = await failureOf(provider.probe());
    expect(smsFailureSummary(auth)).toEqual({ errorClass: 'auth', status: 401 });
    expect(auth.message).toBe(`probe not accepted by http://127.0.0.1:${gw.port} (auth, HTTP 401)`);

    const port = await unusedPort();
    const refused = httpProvider(`http://127.0.0.1:${port}/send`, { healthCheck: { url: `http://127.0.0.1:${port}/health` } });
    expect(smsFailureSummary(await failureOf(refused.probe()))).toEqual({ errorClass: 'connection' });
  });

  it('without a health URL, only opens a connection to the gateway: no request is made', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    await expect(httpProvider(`http://127.0.0.1:${silent.port}/send`).probe()).resolves.toBeUndefined();
    // The server may see the accepted connection a moment after the client does.
    await waitUntil(() => silent.connections() === 1, 'the gateway saw the probe’s connection');

    const gw = await gateway();
    await httpProvider(gw.url('/send')).probe();
    expect(gw.requests).toEqual([]);
  });

  it('without a health URL, fails as connection on a closed port and on an untrusted certificate', async () => {
    const port = await unusedPort();
    const refused = await failureOf(httpProvider(`http://127.0.0.1:${port}/send`).probe());
    expect(smsFailureSummary(refused)).toEqual({ errorClass: 'connection' });
    expect(refused.message).toBe(`probe failed: http://127.0.0.1:${port} unreachable (connection, ECONNREFUSED)`);

    const gw = await gateway({ tls: untrustedCertificate() });
    const untrusted = await failureOf(httpProvider(gw.url('/send'), { allowInsecureHttp: false }).probe());
    expect(smsFailureSummary(untrusted)).toEqual({ errorClass: 'connection' });
    expect(untrusted.message).toMatch(/SELF_SIGNED|CERT|ALTNAME/);
  });

  it('without a health URL, an https gateway whose TLS handshake never completes is a timeout', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const started = performance.now();
    const error = await failureOf(httpProvider(`https://127.0.0.1:${silent.port}/send`, { timeoutSeconds: 1 }).probe());
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'timeout' });
    expect(performance.now() - started).toBeLessThan(2500);
  });
});
