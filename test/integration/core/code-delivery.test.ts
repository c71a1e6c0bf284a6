import { afterEach, describe, expect, it } from 'vitest';
import { fail } from '../../../shared/ipc/result.js';
import { codeIn, startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { readDatabaseFile, rowsOf } from '../../support/database-dump.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { waitUntil } from '../../support/wait-until.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

async function deliveryOf(kiosk: TestKiosk): Promise<string | undefined> {
  const view = valueOf(await kiosk.call('session:get', {}));
  return view.stage === 'code_sent' ? view.delivery : undefined;
}

describe('sending the code', () => {
  it('answers before the mail server does: sending happens in the background', async () => {
    const mail = createRecordingEmailSender('hold');
    t = await startTestKiosk({ dataDir: dirs.make(), email: mail.sender });
    valueOf(await t.call('reset:begin', { username: 'amira.khan' }));
    const view = valueOf(await t.call('reset:chooseMethod', { method: 'email' }));
    expect(view).toMatchObject({ stage: 'code_sent', delivery: 'pending' });
    await waitUntil(() => mail.heldCount === 1, 'the send has started');
    // The response came back while the message was still stuck at the "server".
    expect(mail.sent).toEqual([]);
    mail.releaseHeld();
    await waitUntil(() => mail.sent.length === 1, 'the held message is sent');
    expect(mail.sent[0]!.to).toBe('amira.khan@homemail.example');
    expect(await deliveryOf(t)).toBe('pending');
  });

  it('when sending fails: delivery shows failed, the failure is audited, and no attempt or send is used up', async () => {
    const mail = createRecordingEmailSender('fail');
    t = await startTestKiosk({ dataDir: dirs.make(), email: mail.sender });
    valueOf(await t.call('reset:begin', { username: 'amira.khan' }));
    valueOf(await t.call('reset:chooseMethod', { method: 'email' }));
    await waitUntil(() => mail.attempted.length === 1, 'a send was attempted');
    await waitUntil(async () => (await deliveryOf(t!)) === 'failed', 'session:get shows the delivery failed');
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'code_sent', delivery: 'failed' });

    const audit = rowsOf<{ event: string; outcome: string; detail: string }>(t.kiosk.db, 'audit_log');
    expect(audit.at(-1)).toMatchObject({ event: 'reset.code_send_failed', outcome: 'failed' });
    expect(JSON.parse(audit.at(-1)!.detail)).toEqual({ method: 'email', failed: 1, recipients: 1 });
    // The failed request does not count against the limits.
    expect(rowsOf(t.kiosk.db, 'throttle_events')).toEqual([]);

    // Ten more failing requests still do not trip the 10-per-10-minutes email limit.
    for (let i = 0; i < 10; i += 1) {
      const attempted = mail.attempted.length;
      valueOf(await t.call('reset:resendCode', {}));
      await waitUntil(() => mail.attempted.length === attempted + 1, 'the resend was attempted');
    }
    await waitUntil(() => rowsOf(t!.kiosk.db, 'throttle_events').length === 0, 'failed sends are taken back');

    // Once mail works again, the person still has every try.
    mail.setBehaviour('deliver');
    valueOf(await t.call('reset:resendCode', {}));
    await waitUntil(() => mail.sent.length === 1, 'the code is sent');
    const code = codeIn(mail.sent[0]!.text);
    expect(await t.call('reset:verifyCode', { code: code === '000000' ? '000001' : '000000' })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
    expect(await deliveryOf(t)).toBe('pending');
    expect(valueOf(await t.call('reset:verifyCode', { code })).stage).toBe('new_password');
  });

  it('keeps the outcome to itself when only one of two addresses fails: the code reached the person', async () => {
    const mail = createRecordingEmailSender('deliver');
    const flaky = {
      send: (message: Parameters<typeof mail.sender.send>[0]) =>
        message.to.endsWith('@mail.example') ? Promise.reject(new Error('451 try later')) : mail.sender.send(message),
      probe: () => mail.sender.probe(),
      close: () => mail.sender.close(),
    };
    t = await startTestKiosk({ dataDir: dirs.make(), email: flaky });
    valueOf(await t.call('reset:begin', { username: 'ben.okafor' }));
    valueOf(await t.call('reset:chooseMethod', { method: 'email' }));
    await t.kiosk.close();
    expect(mail.sent.map((message) => message.to)).toEqual(['ben.okafor@homemail.example']);
    const { audit, events } = readDatabaseFile(t.kiosk.config.database.path, (db) => ({
      audit: rowsOf<{ event: string; detail: string }>(db, 'audit_log'),
      events: rowsOf(db, 'throttle_events'),
    }));
    expect(audit.at(-1)).toMatchObject({ event: 'reset.code_send_failed', detail: JSON.stringify({ method: 'email', failed: 1, recipients: 2 }) });
    expect(events).toHaveLength(2);
    t = undefined;
  });

  it('treats a code email that cannot be written like one that cannot be sent: told, audited, nothing used up', async () => {
    // A configuration that skipped start-up validation (or a template refusing a value) must not leave
    // the person waiting for a code that was never sent.
    const mail = createRecordingEmailSender('deliver');
    t = await startTestKiosk({
      dataDir: dirs.make(),
      email: mail.sender,
      configure: (config) => ({
        ...config,
        branding: { ...config.branding, serviceDesk: { ...config.branding.serviceDesk, hours: 'see www.northfield.example/hours' } },
      }),
    });
    valueOf(await t.call('reset:begin', { username: 'amira.khan' }));
    valueOf(await t.call('reset:chooseMethod', { method: 'email' }));
    await waitUntil(async () => (await deliveryOf(t!)) === 'failed', 'session:get shows the delivery failed');
    expect(mail.attempted).toEqual([]);
    const audit = rowsOf<{ event: string; outcome: string; detail: string }>(t.kiosk.db, 'audit_log');
    expect(audit.at(-1)).toMatchObject({ event: 'reset.code_send_failed', outcome: 'failed' });
    expect(rowsOf(t.kiosk.db, 'throttle_events')).toEqual([]);
  });

  it('finishes the reset when the notification cannot be written, and audits that it was not sent', async () => {
    const mail = createRecordingEmailSender('deliver');
    t = await startTestKiosk({
      dataDir: dirs.make(),
      email: mail.sender,
      // Only the notification names the kiosk's location.
      configure: (config) => ({ ...config, kiosk: { ...config.kiosk, location: 'www.northfield.example/library' } }),
    });
    valueOf(await t.call('reset:begin', { username: 'amira.khan' }));
    valueOf(await t.call('reset:chooseMethod', { method: 'email' }));
    await waitUntil(() => mail.sent.length === 1, 'the code is sent');
    valueOf(await t.call('reset:verifyCode', { code: codeIn(mail.sent[0]!.text) }));
    // The password is changed at this point: the person must be told so, not shown an error.
    expect(valueOf(await t.call('reset:setPassword', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' })).stage).toBe('done');
    await t.kiosk.close();
    const audit = readDatabaseFile(t.kiosk.config.database.path, (db) => rowsOf<{ event: string; outcome: string; detail: string }>(db, 'audit_log'));
    expect(audit.at(-1)).toMatchObject({ event: 'reset.notification', outcome: 'failed' });
    expect(JSON.parse(audit.at(-1)!.detail)).toEqual({ recipients: 1, failed: 1 });
    expect(mail.sent).toHaveLength(1);
    t = undefined;
  });

  it('logs a failed notification after a reset without failing the reset', async () => {
    const mail = createRecordingEmailSender('deliver');
    t = await startTestKiosk({ dataDir: dirs.make(), email: mail.sender });
    valueOf(await t.call('reset:begin', { username: 'amira.khan' }));
    valueOf(await t.call('reset:chooseMethod', { method: 'email' }));
    await waitUntil(() => mail.sent.length === 1, 'the code is sent');
    valueOf(await t.call('reset:verifyCode', { code: codeIn(mail.sent[0]!.text) }));
    mail.setBehaviour('fail');
    expect(valueOf(await t.call('reset:setPassword', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' })).stage).toBe('done');
    await t.kiosk.close();
    const audit = readDatabaseFile(t.kiosk.config.database.path, (db) => rowsOf<{ event: string; outcome: string }>(db, 'audit_log'));
    expect(audit.at(-1)).toMatchObject({ event: 'reset.notification', outcome: 'failed' });
    expect(mail.closed).toBe(true);
    t = undefined;
  });
});
