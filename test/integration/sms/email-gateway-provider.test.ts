import { afterEach, describe, expect, it } from 'vitest';
import { MailDeliveryError } from '../../../electron/core/mail/mail-errors.js';
import { createSmtpEmailSender } from '../../../electron/core/mail/smtp-sender.js';
import type { EmailSender, SmsProvider } from '../../../electron/core/ports.js';
import { createSmsProvider } from '../../../electron/core/sms/create-sms-provider.js';
import { SmsDeliveryError, smsFailureSummary } from '../../../electron/core/sms/sms-errors.js';
import { smsSchema } from '../../../shared/config/sms-config-schema.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { plainSmtpConfig, startSmtpServer, unusedPort, type TestSmtpServer } from '../mail/smtp-test-server.js';

const from = 'IT Services <no-reply@example.ac.uk>';
const to = '+447400123456';
const text = 'Example University password reset code: 04821377\nIt works for 10 minutes, once. Never share this code.';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function smtpServer(options: Parameters<typeof startSmtpServer>[0] = {}): Promise<TestSmtpServer> {
  const started = await startSmtpServer(options);
  cleanups.push(() => started.close());
  return started;
}
function smtpSender(port: number): EmailSender {
  const sender = createSmtpEmailSender({ smtp: plainSmtpConfig(port), from, env: {} });
  cleanups.push(() => sender.close());
  return sender;
}
function emailGateway(addressTemplate: string, emailSender: EmailSender, defaultRegion = 'GB'): SmsProvider {
  return createSmsProvider(smsSchema.parse({ provider: 'email-gateway', addressTemplate, defaultRegion }), { env: {}, emailSender });
}
async function failureOf(promise: Promise<unknown>): Promise<SmsDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SmsDeliveryError);
  return error as SmsDeliveryError;
}

describe('email-to-text gateway, through the kiosk’s SMTP sender', () => {
  it('mails the text, plain and alone, to the national number at the carrier’s domain', async () => {
    const smtp = await smtpServer();
    await emailGateway('{national}@sms.carrier.example', smtpSender(smtp.port)).send({ to, text });

    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.rcptTo).toEqual(['7400123456@sms.carrier.example']);
    expect(message!.mailFrom).toBe('no-reply@example.ac.uk');
    expect(message!.parsed.text?.trimEnd()).toBe(text);
    expect(message!.parsed.html).toBe(false);
    expect(message!.parsed.subject ?? '').toBe('');
  });

  it('writes the number as E.164 digits for {e164digits}, with any text around the placeholder', async () => {
    const smtp = await smtpServer();
    await emailGateway('sms+{e164digits}@gateway.carrier.example', smtpSender(smtp.port)).send({ to: '+12015550123', text });
    expect(smtp.received[0]!.rcptTo).toEqual(['sms+12015550123@gateway.carrier.example']);
  });

  it('refuses, before mailing, a number from another country when the address needs the national number', async () => {
    const smtp = await smtpServer();
    const error = await failureOf(emailGateway('{national}@sms.carrier.example', smtpSender(smtp.port)).send({ to: '+33612345678', text }));
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'address' });
    expect(error.message).toBe('recipient refused before sending (address, not a number of region GB)');
    expect(smtp.connections()).toBe(0);
  });

  it('refuses a number that is not E.164 before mailing', async () => {
    const smtp = await smtpServer();
    expect(smsFailureSummary(await failureOf(emailGateway('{national}@sms.carrier.example', smtpSender(smtp.port)).send({ to: '07400123456', text })))).toEqual({
      errorClass: 'address',
    });
    expect(smtp.connections()).toBe(0);
  });

  it('a recipient the mail server refuses is a refused recipient, and the error does not echo the address', async () => {
    const smtp = await smtpServer({
      onRcptTo(address, _session, callback) {
        callback(Object.assign(new Error(`No such user ${address.address}`), { responseCode: 550 }));
      },
    });
    const error = await failureOf(emailGateway('{national}@sms.carrier.example', smtpSender(smtp.port)).send({ to, text }));
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'rejected_recipient' });
    expect(error.message).toBe('text message not accepted by the email gateway (rejected_recipient, mail recipient_rejected, SMTP 550)');
    expect(error.message).not.toContain('7400123456');
  });

  it('a mail server that is not there is a connection failure', async () => {
    const port = await unusedPort();
    const error = await failureOf(emailGateway('{national}@sms.carrier.example', smtpSender(port)).send({ to, text }));
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'connection' });
  });
});

describe('email-to-text gateway: probe', () => {
  it('delegates to the email sender’s probe, and maps its failure', async () => {
    let healthy = true;
    const probing: EmailSender = {
      ...createRecordingEmailSender().sender,
      async probe() {
        if (!healthy) throw new MailDeliveryError('auth', 'SMTP login refused', { replyCode: 535 });
      },
    };
    const provider = emailGateway('{national}@sms.carrier.example', probing);
    await expect(provider.probe()).resolves.toBeUndefined();
    healthy = false;
    const error = await failureOf(provider.probe());
    expect(smsFailureSummary(error)).toEqual({ errorClass: 'auth' });
    expect(error.message).toBe('probe not accepted by the email gateway (auth, mail auth, SMTP 535)');
  });

  it('passes when the email sender has no probe of its own', async () => {
    const recording = createRecordingEmailSender();
    await expect(emailGateway('{national}@sms.carrier.example', recording.sender).probe()).resolves.toBeUndefined();
    expect(recording.attempted).toEqual([]);
  });
});
