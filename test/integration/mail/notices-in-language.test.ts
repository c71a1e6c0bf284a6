import { afterEach, describe, expect, it } from 'vitest';
import { smsSchema } from '../../../shared/config/sms-config-schema.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { createSmtpEmailSender } from '../../../electron/core/mail/smtp-sender.js';
import { createSmsProvider } from '../../../electron/core/sms/create-sms-provider.js';
import { contactRows } from '../../../electron/core/store/contacts.js';
import { outboxRows } from '../../../electron/core/store/outbox-rows.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { startSmtpCapture, type CapturedMail } from '../../support/smtp-capture.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { waitUntil } from '../../support/wait-until.js';
import { startGateway } from '../sms/gateway-test-server.js';
import { asRead } from '../../unit/mail/mail-fixtures.js';
import { plainSmtpConfig } from './smtp-test-server.js';

const dirs = createTempDirs();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  dirs.removeAll();
});

async function smtpServer() {
  const capture = await startSmtpCapture();
  cleanups.push(() => capture.close());
  return capture;
}

function smtpSender(port: number) {
  const sender = createSmtpEmailSender({ smtp: plainSmtpConfig(port), from: 'IT Services <no-reply@northfield.example>', env: {} });
  cleanups.push(() => sender.close());
  return sender;
}

async function kiosk(options: Parameters<typeof startTestKiosk>[0]): Promise<TestKiosk> {
  const started = await startTestKiosk(options);
  cleanups.push(() => started.kiosk.close());
  return started;
}

const newPassword = 'Nt4kRw8pZm2xCv';
const parts = (mail: CapturedMail) => ({ subject: mail.parsed.subject ?? '', text: mail.parsed.text ?? '', html: typeof mail.parsed.html === 'string' ? mail.parsed.html : '' });

describe('a reset in the language the person chose, over real SMTP', () => {
  it.each<Language>(['fr', 'ar'])('in %s: the code email and the notice after it, subject, text and HTML parts', async (language) => {
    const smtp = await smtpServer();
    const t = await kiosk({ dataDir: dirs.make(), email: smtpSender(smtp.port) });
    const { branding, codes } = t.kiosk.config;
    const words = createTranslator(language);
    const organisation = branding.organisationName;

    valueOf(await t.call('session:setLanguage', { language }));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await waitUntil(() => smtp.mails.length === 1, 'the code email reached the SMTP server');
    const code = parts(smtp.mails[0]!);
    expect(code.subject).toBe(words.t('notifications.code.reset.subject', { organisation }));
    for (const body of [code.text, asRead(code.html)]) {
      expect(body).toContain(words.t('notifications.code.reset.heading'));
      expect(body).toContain(words.t('notifications.code.reset.asked', { organisation }));
      expect(body).toContain(words.t('notifications.code.validity', { minutes: codes.ttlMinutes }));
      expect(body).toContain(words.t('notifications.code.reset.ignore', { desk: branding.serviceDesk.name }));
      expect(body).toContain(words.t('notifications.email.label.phone'));
    }
    expect(code.html).toContain(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`);

    valueOf(await t.call('code:verify', { code: codeIn(code.text) }));
    expect(valueOf(await t.call('password:set', { password: newPassword, confirmation: newPassword }))).toMatchObject({ stage: 'done', notice: 'queued' });
    await waitUntil(() => smtp.mails.length === 2, 'the notice reached the SMTP server');
    const notice = parts(smtp.mails[1]!);
    expect(notice.subject).toBe(words.t('notifications.notice.password_reset.subject', { organisation }));
    for (const body of [notice.text, asRead(notice.html)]) {
      expect(body).toContain(words.t('notifications.notice.password_reset.happened', { username: 'amira.khan' }));
      expect(body).toContain(words.t('notifications.notice.ifNotYou', { desk: branding.serviceDesk.name }));
      // In a right-to-left language the value is isolated (FSI...PDI / <bdi>), so it keeps its own order.
      const kioskId = language === 'ar' ? `\u2068${t.kiosk.config.kiosk.id}\u2069` : t.kiosk.config.kiosk.id;
      expect(body.replace(/<\/?bdi>/g, '')).toContain(`${words.t('notifications.email.label.kiosk')} ${body === notice.text ? kioskId : t.kiosk.config.kiosk.id}`);
    }
    expect(notice.html).toContain(`<html lang="${language}"`);
    // The session is over: the next person starts in the default language, and so do their messages.
    valueOf(await t.call('session:startOver', {}));
    expect(t.kiosk.journeys.session.language()).toBe('en');
  });

  it('writes every message in English when nobody chose a language', async () => {
    const smtp = await smtpServer();
    const t = await kiosk({ dataDir: dirs.make(), email: smtpSender(smtp.port) });
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await waitUntil(() => smtp.mails.length === 1, 'the code email reached the SMTP server');
    expect(parts(smtp.mails[0]!).subject).toBe(`Your ${t.kiosk.config.branding.organisationName} account unlock code`);
    expect(parts(smtp.mails[0]!).html).toContain('<html lang="en" dir="ltr">');
  });
});

describe('the code by text message', () => {
  it.each<Language>(['fr', 'ar'])('reaches the gateway in %s', async (language) => {
    const gateway = await startGateway();
    cleanups.push(() => gateway.close());
    const sms = createSmsProvider(
      smsSchema.parse({ provider: 'http', url: gateway.url('/send'), allowInsecureHttp: true, body: { encoding: 'json', template: { to: '{to}', message: '{text}' } } }),
      { env: {} },
    );
    const t = await kiosk({ dataDir: dirs.make(), sms });
    // The demo people's mobiles are Ofcom's drama numbers, which a provider refuses: Erin gets a real-looking one.
    await t.kiosk.store.run(async (tx) => {
      const erin = await tx.selectFrom('accounts').select('id').where('username_key', '=', 'erin.walsh').executeTakeFirstOrThrow();
      await tx.deleteFrom('contact_methods').where('account_id', '=', erin.id).execute();
      await contactRows.putVerified(tx, Number(erin.id), { kind: 'phone', value: '+447400123456', verifiedAt: t.clock.now().toISOString() }, null);
    });
    valueOf(await t.call('session:setLanguage', { language }));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'erin.walsh' }));
    valueOf(await t.call('code:choose', { method: 'sms' }));
    await waitUntil(() => gateway.requests.some((request) => request.path === '/send'), 'the code text reached the gateway');
    const sent = JSON.parse(gateway.requests.find((request) => request.path === '/send')!.body) as { to: string; message: string };
    expect(sent.to).toBe('+447400123456');
    const code = /(?<![0-9])([0-9]{8})(?![0-9])/.exec(sent.message)?.[1] ?? 'no code';
    const { branding, codes } = t.kiosk.config;
    expect(sent.message).toBe(createTranslator(language).t('notifications.text.code.reset', { organisation: branding.organisationName, code, minutes: codes.ttlMinutes }));
  });
});

describeEachBackend('a queued notice', (backend) => {
  it('is still sent in its language after failures and a restart', async () => {
    const dataDir = dirs.make();
    const first = await smtpServer();
    let t = await kiosk({ dataDir, backend, persistent: true, email: smtpSender(first.port) });
    valueOf(await t.call('session:setLanguage', { language: 'es' }));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await waitUntil(() => first.mails.length === 1, 'the code email reached the SMTP server');
    valueOf(await t.call('code:verify', { code: codeIn(parts(first.mails[0]!).text) }));
    // The relay goes away after the code: the notice is queued, tried, and waits.
    await first.close();
    expect(valueOf(await t.call('password:set', { password: newPassword, confirmation: newPassword }))).toMatchObject({ notice: 'queued' });
    await t.kiosk.settled();
    expect(await rowsOf<{ language: string | null; sent_at: string | null }>(t.kiosk.store, 'outbox')).toMatchObject([{ language: 'es', sent_at: null }]);
    await t.kiosk.close();

    const second = await smtpServer();
    t = await kiosk({ dataDir, backend, persistent: true, email: smtpSender(second.port), clock: t.clock });
    // A new session in another language does not change what the queued notice says.
    valueOf(await t.call('session:setLanguage', { language: 'fr' }));
    t.clock.advance({ hours: 1 });
    expect(await t.kiosk.outbox.runOnce()).toBe(1);
    const words = createTranslator('es');
    const notice = parts(second.mails[0]!);
    expect(notice.subject).toBe(words.t('notifications.notice.password_reset.subject', { organisation: t.kiosk.config.branding.organisationName }));
    expect(notice.text).toContain(words.t('notifications.notice.password_reset.happened', { username: 'amira.khan' }));
    expect(notice.html).toContain('<html lang="es" dir="ltr">');
  });

  it('queued before languages were kept is sent in the kiosk\'s default language', async () => {
    const smtp = await smtpServer();
    const t = await kiosk({
      dataDir: dirs.make(),
      backend,
      persistent: true,
      email: smtpSender(smtp.port),
      configure: (config) => ({ ...config, languages: { offered: ['en', 'fr'], default: 'fr' } }),
    });
    const at = t.clock.now().toISOString();
    const payload = JSON.stringify({ username: 'amira.khan', at, kioskId: 'kiosk-9', kioskLocation: '' });
    await t.kiosk.store.run(async (tx) => {
      const id = await outboxRows.add(tx, { kind: 'password_changed', channel: 'email', recipient: 'amira.khan@homemail.example', payload, language: 'en' }, at);
      // As a row written before migration 7 reads: no language.
      await tx.updateTable('outbox').set({ language: null }).where('id', '=', id).execute();
    });
    expect(await t.kiosk.outbox.runOnce()).toBe(1);
    const words = createTranslator('fr');
    expect(parts(smtp.mails[0]!).subject).toBe(words.t('notifications.notice.password_changed.subject', { organisation: t.kiosk.config.branding.organisationName }));
    expect(parts(smtp.mails[0]!).text).toContain(words.t('notifications.notice.password_changed.happened', { username: 'amira.khan' }));
  });
});
