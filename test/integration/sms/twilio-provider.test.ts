import { afterEach, describe, expect, it } from 'vitest';
import type { SmsProvider } from '../../../electron/core/ports.js';
import { createSmsProvider } from '../../../electron/core/sms/create-sms-provider.js';
import { SmsDeliveryError, smsFailureSummary } from '../../../electron/core/sms/sms-errors.js';
import { smsSchema } from '../../../shared/config/sms-config-schema.js';
import { unusedPort } from '../mail/smtp-test-server.js';
import { startGateway, type TestGateway } from './gateway-test-server.js';

const accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
const serviceSid = `MG${'fedcba9876543210'.repeat(2)}`;
const token = 'twilio-auth-token-never-print';
const env = { SSPR_TWILIO_AUTH_TOKEN: token };
const to = '+447400123456';
const text = 'Example University password reset code: 04821377\nIt works for 10 minutes, once. Never share this code.';
const basicAuth = `Basic ${Buffer.from(`${accountSid}:${token}`).toString('base64')}`;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function twilioServer(): Promise<TestGateway> {
  const started = await startGateway();
  cleanups.push(() => started.close());
  // What Twilio answers a created message with, in short.
  started.reply({ status: 201, body: JSON.stringify({ sid: 'SM123', status: 'queued' }) });
  return started;
}

function twilio(baseUrl: string, sender: object = { from: '+447400000001' }): SmsProvider {
  const config = smsSchema.parse({ provider: 'twilio', accountSid, authTokenEnv: 'SSPR_TWILIO_AUTH_TOKEN', baseUrl, allowInsecureHttp: true, ...sender });
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

/** A Twilio error body: its message quotes the number, so none of it but the code may be repeated. */
const twilioError = (status: number, code: number) => ({
  status,
  body: JSON.stringify({ code, message: `The 'To' number ${to} is not valid.`, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
});

function expectNothingSecretIn(error: SmsDeliveryError): void {
  const shown = [error.message, String(error), JSON.stringify(error)].join('\n');
  for (const value of [token, basicAuth.slice(6), '04821377', to, 'is not valid', 'twilio.com/docs']) expect(shown).not.toContain(value);
}

describe('Twilio preset: sending', () => {
  it('posts To, From and Body as a form to the account’s Messages.json with Basic auth', async () => {
    const server = await twilioServer();
    await twilio(server.url('')).send({ to, text });

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request!.headers.authorization).toBe(basicAuth);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect([...new URLSearchParams(request!.body).entries()]).toEqual([
      ['To', to],
      ['From', '+447400000001'],
      ['Body', text],
    ]);
  });

  it('sends MessagingServiceSid instead of From when configured, and copes with a trailing slash in baseUrl', async () => {
    const server = await twilioServer();
    await twilio(server.url('/'), { messagingServiceSid: serviceSid }).send({ to, text });
    const [request] = server.requests;
    expect(request!.path).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect([...new URLSearchParams(request!.body).entries()]).toEqual([
      ['To', to],
      ['MessagingServiceSid', serviceSid],
      ['Body', text],
    ]);
  });

  it('a 400 naming the number (21211 invalid To, 21610 unsubscribed, 21614 not mobile) refuses the recipient', async () => {
    const server = await twilioServer();
    for (const code of [21211, 21610, 21614]) {
      server.reply(twilioError(400, code));
      const error = await failureOf(twilio(server.url('')).send({ to, text }));
      expect(smsFailureSummary(error)).toEqual({ errorClass: 'rejected_recipient', status: 400 });
      expect(error.message).toBe(`text message not accepted by http://127.0.0.1:${server.port} (rejected_recipient, HTTP 400, Twilio error ${code})`);
      expectNothingSecretIn(error);
    }
  });

  it('a 400 about our own sender (21212 invalid From, 21606 From cannot send) is a provider problem, not the person’s', async () => {
    const server = await twilioServer();
    for (const code of [21212, 21606]) {
      server.reply(twilioError(400, code));
      expect(smsFailureSummary(await failureOf(twilio(server.url('')).send({ to, text })))).toEqual({ errorClass: 'provider', status: 400 });
    }
  });

  it('401 is auth, 500 is provider, and a 400 without a Twilio body keeps the plain meaning', async () => {
    const server = await twilioServer();
    server.reply(twilioError(401, 20003));
    const auth = await failureOf(twilio(server.url('')).send({ to, text }));
    expect(smsFailureSummary(auth)).toEqual({ errorClass: 'auth', status: 401 });
    expectNothingSecretIn(auth);
    server.reply({ status: 500, body: 'upstream trouble' });
    expect(smsFailureSummary(await failureOf(twilio(server.url('')).send({ to, text })))).toEqual({ errorClass: 'provider', status: 500 });
    server.reply({ status: 400, body: '<html>bad request</html>' });
    expect(smsFailureSummary(await failureOf(twilio(server.url('')).send({ to, text })))).toEqual({ errorClass: 'rejected_recipient', status: 400 });
  });

  it('a closed port is a connection failure', async () => {
    const port = await unusedPort();
    expect(smsFailureSummary(await failureOf(twilio(`http://127.0.0.1:${port}`).send({ to, text })))).toEqual({ errorClass: 'connection' });
  });
});

describe('Twilio preset: probe', () => {
  it('reads the account with the same Basic auth, and passes when it is active', async () => {
    const server = await twilioServer();
    server.reply({ status: 200, body: JSON.stringify({ sid: accountSid, status: 'active', friendly_name: 'Kiosk' }) });
    await expect(twilio(server.url('')).probe()).resolves.toBeUndefined();
    expect(server.requests.map((request) => [request.method, request.path, request.headers.authorization, request.body])).toEqual([
      ['GET', `/2010-04-01/Accounts/${accountSid}.json`, basicAuth, ''],
    ]);
  });

  it('fails as auth on wrong credentials, and as provider for a suspended account or a 500', async () => {
    const server = await twilioServer();
    server.reply(twilioError(401, 20003));
    expect(smsFailureSummary(await failureOf(twilio(server.url('')).probe()))).toEqual({ errorClass: 'auth', status: 401 });
    server.reply({ status: 200, body: JSON.stringify({ sid: accountSid, status: 'suspended' }) });
    const suspended = await failureOf(twilio(server.url('')).probe());
    expect(smsFailureSummary(suspended)).toEqual({ errorClass: 'provider', status: 200 });
    expect(suspended.message).toBe(`probe not accepted by http://127.0.0.1:${server.port} (provider, HTTP 200, account suspended)`);
    server.reply({ status: 500 });
    expect(smsFailureSummary(await failureOf(twilio(server.url('')).probe()))).toEqual({ errorClass: 'provider', status: 500 });
  });

  it('fails as connection when nothing listens', async () => {
    const port = await unusedPort();
    expect(smsFailureSummary(await failureOf(twilio(`http://127.0.0.1:${port}`).probe()))).toEqual({ errorClass: 'connection' });
  });
});
