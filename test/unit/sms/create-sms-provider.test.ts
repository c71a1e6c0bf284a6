import { describe, expect, it } from 'vitest';
import { createDemoOutbox } from '../../../electron/core/mail/demo-outbox.js';
import { createSmsProvider } from '../../../electron/core/sms/create-sms-provider.js';
import { SmsConfigError, SmsDeliveryError, smsFailureSummary } from '../../../electron/core/sms/sms-errors.js';
import { smsSchema } from '../../../shared/config/sms-config-schema.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';

const clock = { now: () => new Date('2026-11-26T09:00:00.000Z') };
const sid = `AC${'0123456789abcdef'.repeat(2)}`;
const httpSms = (extra: object = {}) =>
  smsSchema.parse({
    provider: 'http',
    url: 'https://gw.example/send',
    secretHeader: { name: 'X-Api-Key', valueEnv: 'SSPR_SMS_TOKEN' },
    body: { encoding: 'json', template: { to: '{to}', message: '{text}' } },
    ...extra,
  });

async function failureOf(promise: Promise<unknown>): Promise<SmsDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SmsDeliveryError);
  return error as SmsDeliveryError;
}

function configErrorOf(run: () => unknown): SmsConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SmsConfigError);
    return error as SmsConfigError;
  }
  throw new Error('expected an SmsConfigError');
}

describe('choosing the text-message provider from the configuration', () => {
  it('none: every send and probe fails as closed, code NOT_AVAILABLE', async () => {
    const provider = createSmsProvider(smsSchema.parse({ provider: 'none' }), { env: {} });
    expect(provider.name).toBe('none');
    const sent = await failureOf(provider.send({ to: '+447400123456', text: 'Code 123456' }));
    expect(smsFailureSummary(sent)).toEqual({ errorClass: 'closed' });
    expect(sent.code).toBe('NOT_AVAILABLE');
    expect(smsFailureSummary(await failureOf(provider.probe()))).toEqual({ errorClass: 'closed' });
  });

  it('demo: the demo outbox keeps the message, and its probe passes', async () => {
    const outbox = createDemoOutbox(clock);
    const provider = createSmsProvider(smsSchema.parse({ provider: 'demo' }), { env: {}, demoOutbox: outbox });
    expect(provider.name).toBe('demo');
    await provider.send({ to: '+447400123456', text: 'Code 123456' });
    await expect(provider.probe()).resolves.toBeUndefined();
    expect(outbox.messages()).toEqual([
      { id: 1, channel: 'sms', to: '+447400123456', subject: '', text: 'Code 123456', sentAt: '2026-11-26T09:00:00.000Z' },
    ]);
  });

  it('demo without the demo outbox, and email-gateway without an email sender, stop start-up', () => {
    expect(configErrorOf(() => createSmsProvider(smsSchema.parse({ provider: 'demo' }), { env: {}, demoOutbox: null })).code).toBe('SMS_DEPENDENCY_MISSING');
    const gateway = smsSchema.parse({ provider: 'email-gateway', addressTemplate: '{national}@sms.carrier.example' });
    expect(configErrorOf(() => createSmsProvider(gateway, { env: {} })).message).toBe(
      'sms.provider email-gateway needs the kiosk email sender, and none was given',
    );
    expect(createSmsProvider(gateway, { env: {}, emailSender: createRecordingEmailSender().sender }).name).toBe('email-gateway');
  });

  it('http: a missing secret variable stops start-up naming the variable and the key', () => {
    const error = configErrorOf(() => createSmsProvider(httpSms(), { env: { OTHER: 'do-not-print-me' } }));
    expect(error.code).toBe('SMS_SECRET_ENV_MISSING');
    expect(error.message).toBe('text-message credential missing: set the environment variable SSPR_SMS_TOKEN (named by sms.secretHeader.valueEnv)');
    expect(configErrorOf(() => createSmsProvider(httpSms(), { env: { SSPR_SMS_TOKEN: '' } })).code).toBe('SMS_SECRET_ENV_MISSING');
  });

  it('http: a secret with a line break is refused at start-up without repeating it', () => {
    const error = configErrorOf(() => createSmsProvider(httpSms(), { env: { SSPR_SMS_TOKEN: 'abc\r\nX-Evil: 1' } }));
    expect(error.code).toBe('SMS_SECRET_ENV_INVALID');
    expect(error.message).toContain('SSPR_SMS_TOKEN');
    expect(error.message).not.toContain('abc');
    expect(error.message).not.toContain('Evil');
  });

  it('twilio: a missing auth token stops start-up naming sms.authTokenEnv', () => {
    const twilio = smsSchema.parse({ provider: 'twilio', accountSid: sid, authTokenEnv: 'SSPR_TWILIO_AUTH_TOKEN', from: '+447400123456' });
    expect(configErrorOf(() => createSmsProvider(twilio, { env: {} })).message).toBe(
      'text-message credential missing: set the environment variable SSPR_TWILIO_AUTH_TOKEN (named by sms.authTokenEnv)',
    );
  });

  it('http: uses the fetch it is given, with the secret header from the environment', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{}', { status: 202 });
    }) as unknown as typeof fetch;
    const provider = createSmsProvider(httpSms(), { env: { SSPR_SMS_TOKEN: 'tok' }, fetch: fakeFetch });
    await provider.send({ to: '+447400123456', text: 'Code 123456' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://gw.example/send');
    expect(calls[0]!.init.redirect).toBe('manual');
    expect((calls[0]!.init.headers as Record<string, string>)['X-Api-Key']).toBe('tok');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ to: '+447400123456', message: 'Code 123456' });
  });
});
