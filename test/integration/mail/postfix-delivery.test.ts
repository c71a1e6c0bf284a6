import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MailDeliveryError } from '../../../electron/core/mail/mail-errors.js';
import { isProviderLevelFailure, mailFailureSummary } from '../../../electron/core/mail/mail-failure-summary.js';
import { createSmtpEmailSender } from '../../../electron/core/mail/smtp-sender.js';
import { codeEmail } from '../../../electron/core/mail/templates.js';
import type { EmailSender } from '../../../electron/core/ports.js';
import type { SmtpConfig } from '../../../shared/config/config-schema.js';
import { startPostfixServer, type PostfixServer } from '../../support/postfix-server.js';
import { waitUntil } from '../../support/wait-until.js';
import { branding } from '../../unit/mail/mail-fixtures.js';

/**
 * The kiosk's SMTP sender against a real relay: Postfix with Dovecot SASL on 127.0.0.1, started
 * and stopped by this file (test/support/postfix-server.ts). Proves each failure class the desk
 * will see with the reply a real Postfix gives, and that delivered mail is what the kiosk meant.
 */

const code = '048213';
const kioskName = 'kiosk-7.example.ac.uk';
const passwordEnv = 'KIOSK_TEST_RELAY_PASSWORD';

let relay: PostfixServer;
beforeAll(async () => {
  relay = await startPostfixServer();
});
afterAll(async () => {
  await relay?.stop();
});

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The kiosk's configuration for the relay: STARTTLS on submission, login, the relay's CA. */
function relayConfig(overrides: Partial<SmtpConfig> = {}): SmtpConfig {
  return {
    host: relay.host,
    port: relay.submissionPort,
    secure: false,
    requireTLS: true,
    name: kioskName,
    auth: { user: relay.login.user, passwordEnv },
    tls: { rejectUnauthorized: true, caFile: relay.caFile, minVersion: 'TLSv1.2' },
    pool: false,
    ...overrides,
  };
}

function sender(smtp: SmtpConfig, options: { password?: string; from?: string } = {}): EmailSender {
  const created = createSmtpEmailSender({
    smtp,
    from: options.from ?? `IT Services <${relay.ownedSender}>`,
    env: { [passwordEnv]: options.password ?? relay.login.password },
  });
  cleanups.push(() => created.close());
  return created;
}

const codeMessage = (to: string) => ({ to, ...codeEmail({ branding, code, ttlMinutes: 10, purpose: 'reset' }) });

async function failure(attempt: Promise<void>): Promise<MailDeliveryError> {
  const error = await attempt.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MailDeliveryError);
  return error as MailDeliveryError;
}

/** Sends, then reads the one new message back from the recipient's Maildir. */
async function deliveredBy(to: string, send: () => Promise<void>): Promise<string> {
  const before = relay.delivered(to).length;
  await send();
  return (await relay.waitForDelivered(to, before + 1)).at(-1)!;
}

const disconnects = () => relay.maillog().split('\n').filter((line) => line.includes(' disconnect from '));

describe('SMTP email sender against Postfix with Dovecot SASL', () => {
  it('delivers over STARTTLS with a login, greets with mail.smtp.name, and marks the message as automatic', async () => {
    const [ada] = relay.mailboxes as [string];
    const raw = await deliveredBy(ada, () => sender(relayConfig()).send(codeMessage(ada)));
    const parsed = await simpleParser(raw);

    expect(parsed.subject).toBe('Your Example University password reset code');
    expect(parsed.text).toContain(code);
    expect(parsed.from?.value).toEqual([{ name: 'IT Services', address: relay.ownedSender }]);
    expect(parsed.headers.get('return-path')).toMatchObject({ value: [{ address: relay.ownedSender }] });
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
    // Postfix's trace header: the EHLO name, and ESMTPSA = over TLS, after a successful AUTH.
    expect(raw).toMatch(/^Received: from kiosk-7\.example\.ac\.uk \(localhost \[127\.0\.0\.1\]\)\s+by mail\.kiosk\.test \(Postfix\) with ESMTPSA /m);
  });

  it('delivers over implicit TLS (submissions) with a login', async () => {
    const [, ben] = relay.mailboxes as [string, string];
    const raw = await deliveredBy(ben, () => sender(relayConfig({ port: relay.submissionsPort, secure: true })).send(codeMessage(ben)));
    expect(raw).toMatch(/by mail\.kiosk\.test \(Postfix\) with ESMTPSA /);
    expect((await simpleParser(raw)).text).toContain(code);
  });

  it('classifies a wrong SMTP password as auth with reply 535, and never repeats the password', async () => {
    const [ada] = relay.mailboxes as [string];
    const error = await failure(sender(relayConfig(), { password: 'wrong-relay-password-1' }).send(codeMessage(ada)));
    expect(mailFailureSummary(error)).toEqual({ errorClass: 'auth', replyCode: 535, command: 'AUTH' });
    expect(isProviderLevelFailure(error.errorClass)).toBe(true);
    expect(error.message).not.toContain('wrong-relay-password-1');
    expect(error.message).not.toContain(code);
  });

  it('classifies the relay’s self-signed certificate as tls when no CA file is configured', async () => {
    const [ada] = relay.mailboxes as [string];
    const before = relay.delivered(ada).length;
    const error = await failure(sender(relayConfig({ tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2' } })).send(codeMessage(ada)));
    expect(error.errorClass).toBe('tls');
    expect(error.replyCode).toBeUndefined();
    expect(error.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(relay.delivered(ada)).toHaveLength(before);
  });

  it('classifies a From address the login does not own as sender_rejected with 553 at MAIL FROM', async () => {
    const [ada] = relay.mailboxes as [string];
    const error = await failure(sender(relayConfig(), { from: relay.foreignSender }).send(codeMessage(ada)));
    expect(mailFailureSummary(error)).toEqual({ errorClass: 'sender_rejected', replyCode: 553, command: 'MAIL FROM' });
    expect(error.message).toContain('Sender address rejected: not owned by user kiosk-relay');
    expect(isProviderLevelFailure(error.errorClass)).toBe(true);
  });

  it('classifies the same refusal as sender_rejected when the relay defers sender checks to RCPT TO', async () => {
    // The submissions service keeps Postfix's default smtpd_delay_reject = yes.
    const [ada] = relay.mailboxes as [string];
    const error = await failure(
      sender(relayConfig({ port: relay.submissionsPort, secure: true }), { from: relay.foreignSender }).send(codeMessage(ada)),
    );
    expect(mailFailureSummary(error)).toEqual({ errorClass: 'sender_rejected', replyCode: 553, command: 'RCPT TO' });
  });

  it('delivers to the accepted one of two recipients and classifies the refused one as recipient_rejected', async () => {
    // As the reset journey sends to every registered address: one send each, over one pooled connection.
    const [, ben] = relay.mailboxes as [string, string];
    const mail = sender(relayConfig({ pool: true }));
    const before = relay.delivered(ben).length;
    const [refused, accepted] = await Promise.allSettled([mail.send(codeMessage(relay.refusedRecipient)), mail.send(codeMessage(ben))]);

    expect(accepted.status).toBe('fulfilled');
    expect((await relay.waitForDelivered(ben, before + 1)).at(-1)).toContain(code);
    expect(refused.status).toBe('rejected');
    const error = (refused as PromiseRejectedResult).reason as MailDeliveryError;
    expect(mailFailureSummary(error)).toEqual({ errorClass: 'recipient_rejected', replyCode: 550, command: 'RCPT TO' });
    expect(isProviderLevelFailure(error.errorClass)).toBe(false);
  });
});

describe('probing the relay', () => {
  it('succeeds against the live relay: connects, upgrades, logs in and sends no message', async () => {
    const before = disconnects().length;
    await sender(relayConfig()).probe();
    // Postfix counts the commands of each session when it ends. An earlier test's session may be
    // logged late, so look for the probe's own line among the new ones: no MAIL, RCPT or DATA.
    const probeSession = / ehlo=2 starttls=1 auth=1 quit=1 commands=5$/;
    await waitUntil(() => disconnects().slice(before).some((line) => probeSession.test(line)), 'Postfix logs a session with only EHLO, STARTTLS, AUTH and QUIT');
  });

  it('fails with auth and 535 for a wrong password', async () => {
    const error = await failure(sender(relayConfig(), { password: 'wrong-relay-password-2' }).probe());
    expect(mailFailureSummary(error)).toEqual({ errorClass: 'auth', replyCode: 535, command: 'AUTH' });
    expect(error.message).not.toContain('wrong-relay-password-2');
  });

  it('fails with tls for an untrusted certificate, on both TLS ports', async () => {
    const untrusted = { rejectUnauthorized: true, minVersion: 'TLSv1.2' as const };
    expect((await failure(sender(relayConfig({ tls: untrusted })).probe())).errorClass).toBe('tls');
    expect((await failure(sender(relayConfig({ tls: untrusted, port: relay.submissionsPort, secure: true })).probe())).errorClass).toBe('tls');
  });
});

describe('a relay that has stopped', () => {
  it('gives connection for both sending and probing', async () => {
    const stopped = await startPostfixServer();
    await stopped.stop();
    const config = relayConfig({ port: stopped.submissionPort, tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2' } });
    const mail = sender(config);

    const sending = await failure(mail.send(codeMessage(stopped.mailboxes[0]!)));
    expect(mailFailureSummary(sending)).toEqual({ errorClass: 'connection', command: 'CONNECT' });
    expect(sending.message).toContain('ECONNREFUSED');
    const probing = await failure(mail.probe());
    expect(mailFailureSummary(probing)).toEqual({ errorClass: 'connection', command: 'CONNECT' });
    expect(isProviderLevelFailure(probing.errorClass)).toBe(true);
  });
});
