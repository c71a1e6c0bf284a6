import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MailConfigError, MailDeliveryError } from '../../../electron/core/mail/mail-errors.js';
import { createSmtpEmailSender } from '../../../electron/core/mail/smtp-sender.js';
import { codeEmail, findUrls, resetNotificationEmail } from '../../../electron/core/mail/templates.js';
import type { EmailSender } from '../../../electron/core/ports.js';
import { asRead, branding } from '../../unit/mail/mail-fixtures.js';
import { plainSmtpConfig, selfSignedCertificate, startSmtpServer, unusedPort, type TestSmtpServer } from './smtp-test-server.js';

const from = 'IT Services <no-reply@example.ac.uk>';
const recipient = 'ada.lovelace@example.ac.uk';
const code = '048213';
const codeMessage = () => ({ to: recipient, ...codeEmail({ branding, code, ttlMinutes: 10, purpose: 'reset' }) });

// Everything a test opens is closed after it, so the run ends cleanly even when an assertion fails.
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function server(options: Parameters<typeof startSmtpServer>[0] = {}): Promise<TestSmtpServer> {
  const started = await startSmtpServer(options);
  cleanups.push(() => started.close());
  return started;
}
function sender(options: Parameters<typeof createSmtpEmailSender>[0]): EmailSender {
  const created = createSmtpEmailSender(options);
  cleanups.push(() => created.close());
  return created;
}
async function deliveryFailure(sending: Promise<void>): Promise<MailDeliveryError> {
  const error = await sending.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MailDeliveryError);
  return error as MailDeliveryError;
}

describe('SMTP email sender, plain local server', () => {
  it('delivers the code email to the recipient, from the configured sender, with the code in both parts and no link', async () => {
    const smtp = await server();
    await sender({ smtp: plainSmtpConfig(smtp.port), from, env: {} }).send(codeMessage());

    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.mailFrom).toBe('no-reply@example.ac.uk');
    expect(message!.rcptTo).toEqual([recipient]);
    const { parsed } = message!;
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((address) => address.address) : []).toEqual([recipient]);
    expect(parsed.from?.value).toEqual([{ name: 'IT Services', address: 'no-reply@example.ac.uk' }]);
    expect(parsed.subject).toBe('Your Example University password reset code');
    expect(parsed.text).toContain(code);
    expect(parsed.html).toContain(code);
    // Out-of-office replies must not answer a machine (RFC 3834; Exchange's own header).
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');

    const html = parsed.html || '';
    expect(html).not.toBe('');
    expect(findUrls(parsed.text ?? '')).toEqual([]);
    expect(findUrls(html)).toEqual([]);
    expect(findUrls(message!.raw)).toEqual([]);
    expect(html).not.toMatch(/<a[\s>]/i);
    expect(html).not.toMatch(/href/i);
    expect(asRead(html)).toContain('servicedesk@example.ac.uk');
    expect(html).not.toContain('servicedesk@example.ac.uk');
  });

  it('delivers the reset notification without the code that was sent before it, and without any link', async () => {
    const smtp = await server();
    const mail = sender({ smtp: plainSmtpConfig(smtp.port), from, env: {} });
    await mail.send(codeMessage());
    await mail.send({
      to: recipient,
      ...resetNotificationEmail({
        branding,
        username: 'alovelace',
        when: new Date('2026-11-26T14:05:00Z'),
        kioskId: 'kiosk-3',
        kioskLocation: 'Main Library, level 1',
        timeZone: 'Europe/London',
      }),
    });

    expect(smtp.received).toHaveLength(2);
    const { parsed, raw } = smtp.received[1]!;
    const html = parsed.html || '';
    expect(parsed.subject).toBe('Your Example University password was reset');
    expect(parsed.text).toContain('The password for alovelace was reset');
    expect(parsed.text).toContain('Thursday, November 26, 2026 at 2:05 PM GMT');
    expect(parsed.text).toContain('kiosk-3');
    expect(raw).not.toContain(code);
    expect(parsed.text).not.toContain(code);
    expect(html).not.toContain(code);
    expect(findUrls(parsed.text ?? '')).toEqual([]);
    expect(findUrls(html)).toEqual([]);
    expect(html).not.toMatch(/<a[\s>]|href/i);
  });

  it('greets the server with mail.smtp.name when it is set', async () => {
    const smtp = await server();
    await sender({ smtp: plainSmtpConfig(smtp.port, { name: 'kiosk-7.example.ac.uk' }), from, env: {} }).send(codeMessage());
    expect(smtp.received[0]!.helo).toBe('kiosk-7.example.ac.uk');
  });

  it('delivers a hostile organisation name escaped in the HTML part', async () => {
    const smtp = await server();
    const hostile = { ...branding, organisationName: '<img src=x onerror=alert(1)> & Co' };
    await sender({ smtp: plainSmtpConfig(smtp.port), from, env: {} }).send({
      to: recipient,
      ...codeEmail({ branding: hostile, code, ttlMinutes: 10, purpose: 'reset' }),
    });

    const { parsed } = smtp.received[0]!;
    expect(parsed.html).not.toContain('<img');
    expect(parsed.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(parsed.text).toContain('<img src=x onerror=alert(1)> & Co');
  });

  it('rejects when the server refuses the recipient, without repeating the message', async () => {
    const smtp = await server({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      },
    });
    const error = await deliveryFailure(sender({ smtp: plainSmtpConfig(smtp.port), from, env: {} }).send(codeMessage()));

    expect(error.errorClass).toBe('recipient_rejected');
    expect(error.replyCode).toBe(550);
    expect(error.command).toBe('RCPT TO');
    expect(error.message).toContain('No such user here');
    expect(error.message).not.toContain(code);
    expect(smtp.received).toEqual([]);
  });

  it('rejects when the server refuses the message after reading it', async () => {
    const smtp = await server({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Message looks like spam'), { responseCode: 554 })));
      },
    });
    const error = await deliveryFailure(sender({ smtp: plainSmtpConfig(smtp.port), from, env: {} }).send(codeMessage()));

    expect(error.errorClass).toBe('message_rejected');
    expect(error.replyCode).toBe(554);
    expect(error.command).toBe('DATA');
    expect(error.message).not.toContain(code);
  });

  it('rejects when nothing listens on the port', async () => {
    const port = await unusedPort();
    const error = await deliveryFailure(sender({ smtp: plainSmtpConfig(port), from, env: {} }).send(codeMessage()));
    expect(error.errorClass).toBe('connection');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('rejects when the server never greets within the connection timeout', async () => {
    const smtp = await server({ onConnect: () => undefined }); // never calls back: no greeting
    const mail = sender({
      smtp: plainSmtpConfig(smtp.port),
      from,
      env: {},
      timeouts: { connectionMs: 300, greetingMs: 300, socketMs: 300 },
    });
    const started = performance.now();
    const error = await deliveryFailure(mail.send(codeMessage()));
    expect(error.errorClass).toBe('connection');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses a recipient that is more than one plain address before connecting', async () => {
    const smtp = await server();
    const mail = sender({ smtp: plainSmtpConfig(smtp.port), from, env: {} });
    for (const to of [`${recipient}, eve@example.org`, `Eve <eve@example.org>`, `${recipient}\r\nBcc: eve@example.org`, '']) {
      const error = await deliveryFailure(mail.send({ ...codeMessage(), to }));
      expect(error.errorClass).toBe('address');
    }
    expect(smtp.connections()).toBe(0);
  });

  it('refuses to send or probe once closed', async () => {
    const smtp = await server();
    const mail = sender({ smtp: plainSmtpConfig(smtp.port), from, env: {} });
    mail.close();
    expect((await deliveryFailure(mail.send(codeMessage()))).errorClass).toBe('closed');
    expect((await deliveryFailure(mail.probe())).errorClass).toBe('closed');
    expect(smtp.connections()).toBe(0);
  });

  it('probes the server without sending anything', async () => {
    const smtp = await server();
    await sender({ smtp: plainSmtpConfig(smtp.port), from, env: {} }).probe();
    expect(smtp.connections()).toBe(1);
    expect(smtp.received).toEqual([]);
  });

  it('sends several messages over one pooled connection and lets go of it on close', async () => {
    const smtp = await server();
    const mail = createSmtpEmailSender({ smtp: plainSmtpConfig(smtp.port, { pool: true }), from, env: {} });
    try {
      for (let sent = 0; sent < 5; sent += 1) await mail.send(codeMessage());
    } finally {
      mail.close();
    }
    expect(smtp.received).toHaveLength(5);
    expect(smtp.connections()).toBe(1);
    await smtp.close(); // resolves only once the pool's connection is gone
  });
});

describe('SMTP email sender, sender address', () => {
  it.each(['not-an-address', 'a@example.org, b@example.org', 'IT <a@example.org>\r\nBcc: b@example.org'])(
    'refuses mail.from %j at creation',
    (badFrom) => {
      expect(() => createSmtpEmailSender({ smtp: plainSmtpConfig(25), from: badFrom, env: {} })).toThrow(MailConfigError);
    },
  );
});

describe('SMTP email sender, TLS', () => {
  it('upgrades with STARTTLS when required, and delivers over the encrypted session', async () => {
    const smtp = await server({ hideSTARTTLS: false });
    await sender({
      smtp: plainSmtpConfig(smtp.port, { requireTLS: true, tls: { rejectUnauthorized: false, minVersion: 'TLSv1.2' } }),
      from,
      env: {},
    }).send(codeMessage());

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.secure).toBe(true);
  });

  it('refuses to send in the clear when STARTTLS is required but the server does not offer it', async () => {
    const smtp = await server({ disabledCommands: ['STARTTLS'] });
    const error = await deliveryFailure(
      sender({
        smtp: plainSmtpConfig(smtp.port, { requireTLS: true, tls: { rejectUnauthorized: false, minVersion: 'TLSv1.2' } }),
        from,
        env: {},
      }).send(codeMessage()),
    );
    expect(error.errorClass).toBe('tls');
    expect(smtp.received).toEqual([]);
  });

  it('refuses a server certificate it cannot verify by default', async () => {
    const smtp = await server({ hideSTARTTLS: false });
    const error = await deliveryFailure(
      sender({ smtp: plainSmtpConfig(smtp.port, { requireTLS: true }), from, env: {} }).send(codeMessage()),
    );
    expect(error.errorClass).toBe('tls');
    expect(smtp.received).toEqual([]);
  });

  it('verifies the server against the CA file and server name from the configuration', async () => {
    const certificate = selfSignedCertificate('smtp.kiosk.test');
    cleanups.push(() => certificate.dispose());
    const smtp = await server({ hideSTARTTLS: false, key: certificate.key, cert: certificate.cert });
    await sender({
      smtp: plainSmtpConfig(smtp.port, {
        requireTLS: true,
        tls: { rejectUnauthorized: true, caFile: certificate.certFile, servername: 'smtp.kiosk.test', minVersion: 'TLSv1.2' },
      }),
      from,
      env: {},
    }).send(codeMessage());
    expect(smtp.received[0]!.secure).toBe(true);
  });

  it('refuses a verified certificate issued for another server name', async () => {
    const certificate = selfSignedCertificate('smtp.kiosk.test');
    cleanups.push(() => certificate.dispose());
    const smtp = await server({ hideSTARTTLS: false, key: certificate.key, cert: certificate.cert });
    const error = await deliveryFailure(
      sender({
        smtp: plainSmtpConfig(smtp.port, {
          requireTLS: true,
          tls: { rejectUnauthorized: true, caFile: certificate.certFile, servername: 'other.kiosk.test', minVersion: 'TLSv1.2' },
        }),
        from,
        env: {},
      }).send(codeMessage()),
    );
    expect(error.errorClass).toBe('tls');
  });

  it('holds to the configured minimum TLS version', async () => {
    const smtp = await server({ hideSTARTTLS: false, maxVersion: 'TLSv1.2' });
    const error = await deliveryFailure(
      sender({
        smtp: plainSmtpConfig(smtp.port, { requireTLS: true, tls: { rejectUnauthorized: false, minVersion: 'TLSv1.3' } }),
        from,
        env: {},
      }).send(codeMessage()),
    );
    expect(error.errorClass).toBe('tls');
    expect(smtp.received).toEqual([]);
  });

  it('refuses a server whose certificate the configured CA did not issue', async () => {
    const serverCertificate = selfSignedCertificate('smtp.kiosk.test');
    const otherAuthority = selfSignedCertificate('smtp.kiosk.test');
    cleanups.push(() => serverCertificate.dispose(), () => otherAuthority.dispose());
    const smtp = await server({ hideSTARTTLS: false, key: serverCertificate.key, cert: serverCertificate.cert });
    const error = await deliveryFailure(
      sender({
        smtp: plainSmtpConfig(smtp.port, {
          requireTLS: true,
          tls: { rejectUnauthorized: true, caFile: otherAuthority.certFile, servername: 'smtp.kiosk.test', minVersion: 'TLSv1.2' },
        }),
        from,
        env: {},
      }).send(codeMessage()),
    );
    expect(error.errorClass).toBe('tls');
    expect(smtp.received).toEqual([]);
  });

  it('speaks implicit TLS when secure is set', async () => {
    const smtp = await server({ secure: true });
    await sender({
      smtp: plainSmtpConfig(smtp.port, { secure: true, tls: { rejectUnauthorized: false, minVersion: 'TLSv1.2' } }),
      from,
      env: {},
    }).send(codeMessage());
    expect(smtp.received[0]!.secure).toBe(true);
  });

  it('names an unreadable CA file at creation', () => {
    const missing = join(tmpdir(), 'kiosk-mail-no-such-ca.pem');
    let thrown: unknown;
    try {
      createSmtpEmailSender({
        smtp: plainSmtpConfig(25, { tls: { rejectUnauthorized: true, caFile: missing, minVersion: 'TLSv1.2' } }),
        from,
        env: {},
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MailConfigError);
    expect((thrown as MailConfigError).code).toBe('SMTP_CA_FILE_UNREADABLE');
    expect((thrown as MailConfigError).message).toContain(missing);
  });
});

describe('SMTP email sender, authentication', () => {
  const password = 'correct horse battery staple 7';
  const authServer = () =>
    server({
      hideSTARTTLS: false,
      authOptional: false,
      allowInsecureAuth: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'kiosk-mailer' && auth.password === password) callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
    });
  const authConfig = (port: number) =>
    plainSmtpConfig(port, {
      requireTLS: true,
      tls: { rejectUnauthorized: false, minVersion: 'TLSv1.2' },
      auth: { user: 'kiosk-mailer', passwordEnv: 'KIOSK_TEST_SMTP_PASSWORD' },
    });

  it('logs in with the password read from the environment variable the configuration names', async () => {
    const smtp = await authServer();
    await sender({ smtp: authConfig(smtp.port), from, env: { KIOSK_TEST_SMTP_PASSWORD: password } }).send(codeMessage());
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.user).toBe('kiosk-mailer');
  });

  it('rejects when the server refuses the password, without repeating it', async () => {
    const smtp = await authServer();
    const error = await deliveryFailure(
      sender({ smtp: authConfig(smtp.port), from, env: { KIOSK_TEST_SMTP_PASSWORD: 'wrong-password-value' } }).send(codeMessage()),
    );
    expect(error.errorClass).toBe('auth');
    expect(error.message).not.toContain('wrong-password-value');
    expect(smtp.received).toEqual([]);
  });

  it('refuses to send unauthenticated to a server that requires a login', async () => {
    const smtp = await authServer();
    const error = await deliveryFailure(
      sender({ smtp: plainSmtpConfig(smtp.port, { tls: { rejectUnauthorized: false, minVersion: 'TLSv1.2' } }), from, env: {} }).send(codeMessage()),
    );
    // 530 "authentication required": the relay wants a login the configuration does not give.
    expect(error.errorClass).toBe('auth');
    expect(error.replyCode).toBe(530);
    expect(error.command).toBe('MAIL FROM');
  });

  it.each([
    ['missing', {}],
    ['empty', { KIOSK_TEST_SMTP_PASSWORD: '' }],
  ])('names the environment variable, never a value, when it is %s', (_case, env: Record<string, string>) => {
    let thrown: unknown;
    try {
      createSmtpEmailSender({ smtp: authConfig(25), from, env: { ...env, OTHER_SECRET: 'do-not-print-me' } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MailConfigError);
    expect((thrown as MailConfigError).code).toBe('SMTP_PASSWORD_ENV_MISSING');
    expect((thrown as MailConfigError).message).toContain('KIOSK_TEST_SMTP_PASSWORD');
    expect((thrown as MailConfigError).message).not.toContain('do-not-print-me');
  });
});

describe('SMTP email sender, bodies never logged', () => {
  it('writes nothing to the console while sending or failing', async () => {
    const writes: string[] = [];
    const original = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
    for (const name of Object.keys(original) as Array<keyof typeof original>) console[name] = (...args: unknown[]) => void writes.push(args.join(' '));
    cleanups.push(() => Object.assign(console, original));
    const stdout = process.stdout.write.bind(process.stdout);
    const stderr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array) => (writes.push(String(chunk)), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
    cleanups.push(() => {
      process.stdout.write = stdout;
      process.stderr.write = stderr;
    });

    const smtp = await server();
    const mail = sender({ smtp: plainSmtpConfig(smtp.port), from, env: {} });
    await mail.send(codeMessage());
    await mail.send({ ...codeMessage(), to: 'two@example.org, three@example.org' }).catch(() => undefined);
    const dead = sender({ smtp: plainSmtpConfig(await unusedPort()), from, env: {} });
    await dead.send(codeMessage()).catch(() => undefined);

    expect(smtp.received).toHaveLength(1);
    expect(writes.filter((line) => line.includes(code))).toEqual([]);
  });
});
