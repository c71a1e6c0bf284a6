import { afterEach, expect, it } from 'vitest';
import type { EmailSender } from '../../../electron/core/ports.js';
import { fail } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { readTables, rowsOf } from '../../support/database-dump.js';
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

interface AuditRow {
  event: string;
  outcome: string;
  username: string | null;
  detail: string;
}

async function deliveryOf(kiosk: TestKiosk): Promise<string | undefined> {
  const view = valueOf(await kiosk.call('session:get', {}));
  return view.stage === 'code_sent' ? view.delivery : undefined;
}

const auditOf = (kiosk: TestKiosk) => rowsOf<AuditRow>(kiosk.kiosk.store, 'audit_log');
const eventsOf = (kiosk: TestKiosk) => rowsOf<{ scope: string }>(kiosk.kiosk.store, 'throttle_events');
const detailOf = (row: AuditRow | undefined) => JSON.parse(row!.detail) as unknown;

async function waitForAudit(kiosk: TestKiosk, event: string, count = 1): Promise<AuditRow[]> {
  await waitUntil(async () => (await auditOf(kiosk)).filter((row) => row.event === event).length >= count, `${count} ${event} audit row(s)`);
  return (await auditOf(kiosk)).filter((row) => row.event === event);
}

/** The audit rows in the kiosk's database after close() waited for every background task. */
async function auditAfterClose(kiosk: TestKiosk): Promise<AuditRow[]> {
  return (await readTables(kiosk.kiosk.config.store, kiosk.env, ['audit_log']))['audit_log'] as unknown as AuditRow[];
}

describeEachBackend('sending the code', (backend) => {
  it('answers before the mail server does: sending happens in the background', async () => {
    const mail = createRecordingEmailSender('hold');
    t = await startTestKiosk({ dataDir: dirs.make(), backend, email: mail.sender });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const view = valueOf(await t.call('code:choose', { method: 'email' }));
    expect(view).toMatchObject({ stage: 'code_sent', delivery: 'pending' });
    await waitUntil(() => mail.heldCount === 1, 'the send has started');
    // The response came back while the message was still stuck at the "server".
    expect(mail.sent).toEqual([]);
    // The relay was judged (a probe naming no recipient) before anyone's address was looked up.
    expect(mail.probes).toBe(1);
    mail.releaseHeld();
    await waitUntil(() => mail.sent.length === 1, 'the held message is sent');
    expect(mail.sent[0]!.to).toBe('amira.khan@homemail.example');
    expect(await deliveryOf(t)).toBe('pending');
  });

  it('when the relay itself is down: delivery shows failed for every name alike, the outage is audited, and nothing is used up', async () => {
    const mail = createRecordingEmailSender('deliver');
    mail.setRelayDown(true);
    t = await startTestKiosk({ dataDir: dirs.make(), backend, email: mail.sender });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await waitUntil(async () => (await deliveryOf(t!)) === 'failed', 'session:get shows the delivery failed');
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'code_sent', delivery: 'failed' });
    // Nobody's address was even looked at: the relay was judged first.
    expect(mail.attempted).toEqual([]);
    const [notSent] = await waitForAudit(t, 'reset.code_not_sent');
    expect(notSent).toMatchObject({ outcome: 'failed', username: null });
    expect(detailOf(notSent)).toEqual({ method: 'email', reason: 'channel_down', errorClass: 'connection' });
    // The failed request does not count against the limits.
    expect(await eventsOf(t)).toEqual([]);
    expect(t.logLines).toContain('email delivery is down (connection); probing again in 5 s');

    // A name with no account behind it is told exactly the same.
    valueOf(await t.call('session:startOver', {}));
    t.clock.advance({ seconds: 5 });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'no.such.person' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await waitUntil(async () => (await deliveryOf(t!)) === 'failed', 'the unknown name is shown the same failure');
    expect(await eventsOf(t)).toEqual([]);
  });

  it('while the relay is known to be down, refuses new requests at once with DELIVERY_UNAVAILABLE, then tries again after the backoff', async () => {
    const mail = createRecordingEmailSender('deliver');
    mail.setRelayDown(true);
    t = await startTestKiosk({ dataDir: dirs.make(), backend, email: mail.sender });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await waitUntil(async () => (await deliveryOf(t!)) === 'failed', 'the first request shows the delivery failed');

    // Within the 5 s backoff no code is issued and the relay is not probed again.
    t.clock.advance({ seconds: 2 });
    expect(await t.call('code:resend', {})).toEqual(fail('DELIVERY_UNAVAILABLE', { retryAfterSeconds: 3 }));
    expect(mail.probes).toBe(1);
    const refused = (await auditOf(t)).at(-1)!;
    expect(refused).toMatchObject({ event: 'reset.code_resent', outcome: 'refused' });
    expect(detailOf(refused)).toEqual({ method: 'email', reason: 'channel_down', errorClass: 'connection' });

    // Due again: one more probe, still down, and the next wait doubles.
    t.clock.advance({ seconds: 3 });
    expect(valueOf(await t.call('code:resend', {}))).toMatchObject({ stage: 'code_sent', delivery: 'pending' });
    await waitUntil(async () => (await deliveryOf(t!)) === 'failed', 'the second probe failed too');
    expect(mail.probes).toBe(2);
    expect(await t.call('code:resend', {})).toEqual(fail('DELIVERY_UNAVAILABLE', { retryAfterSeconds: 10 }));

    // Once mail works again, the person still has every try.
    mail.setRelayDown(false);
    t.clock.advance({ seconds: 10 });
    valueOf(await t.call('code:resend', {}));
    await waitUntil(() => mail.sent.length === 1, 'the code is sent');
    const code = codeIn(mail.sent[0]!.text);
    expect(await t.call('code:verify', { code: code === '00000000' ? '00000001' : '00000000' })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
    expect(await deliveryOf(t)).toBe('pending');
    expect(valueOf(await t.call('code:verify', { code })).stage).toBe('new_password');
    expect(t.logLines).toContain('email delivery is working');
  });

  it('when the server refuses a registered recipient: the screen still says pending, as for everyone, and only the desk sees why', async () => {
    // Showing "could not be sent" here would tell anyone at the kiosk that the name has an account.
    const mail = createRecordingEmailSender('fail');
    t = await startTestKiosk({ dataDir: dirs.make(), backend, email: mail.sender });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await waitUntil(() => mail.attempted.length === 1, 'a send was attempted');
    const [failed] = await waitForAudit(t, 'reset.code_send_failed');
    expect(failed).toMatchObject({ outcome: 'failed', username: 'amira.khan' });
    expect(detailOf(failed)).toEqual({ method: 'email', errorClass: 'unknown' });
    expect(await deliveryOf(t)).toBe('pending');
    // The request counts like anyone's (an unknown name's counts too), so the limits say nothing either.
    expect((await eventsOf(t)).map((row) => row.scope).sort()).toEqual(['emailSends', 'kioskRequests']);
    expect(t.logLines.some((line) => line.includes('email code not delivered to a recipient'))).toBe(true);
  });

  it('keeps the outcome to itself when only one of two addresses fails: the code reached the person', async () => {
    const mail = createRecordingEmailSender('deliver');
    const flaky: EmailSender = {
      send: (message) => (message.to.endsWith('@mail.example') ? Promise.reject(new Error('451 try later')) : mail.sender.send(message)),
      probe: () => mail.sender.probe(),
      close: () => mail.sender.close(),
    };
    t = await startTestKiosk({ dataDir: dirs.make(), backend, email: flaky });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    const events = await eventsOf(t);
    await t.kiosk.close();
    expect(mail.sent.map((message) => message.to)).toEqual(['ben.okafor@homemail.example']);
    const audit = await auditAfterClose(t);
    const sent = audit.find((row) => row.event === 'reset.code_sent');
    expect(detailOf(sent)).toEqual({ method: 'email', recipients: 2, delivered: 1 });
    expect(audit.at(-1)).toMatchObject({ event: 'reset.code_send_failed', outcome: 'failed', username: 'ben.okafor' });
    expect(events).toHaveLength(2);
    t = undefined;
  });

  it('treats a code email that cannot be written like a refused recipient: audited for the desk, the screen as for everyone', async () => {
    // A configuration that skipped start-up validation (or a template refusing a value). The relay is
    // fine, so the screen cannot say more than it says for a name without an account.
    const mail = createRecordingEmailSender('deliver');
    t = await startTestKiosk({
      dataDir: dirs.make(),
      backend,
      email: mail.sender,
      configure: (config) => ({
        ...config,
        branding: { ...config.branding, serviceDesk: { ...config.branding.serviceDesk, hours: 'see www.northfield.example/hours' } },
      }),
    });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    const [failed] = await waitForAudit(t, 'reset.code_send_failed');
    expect(failed).toMatchObject({ outcome: 'failed' });
    expect(mail.attempted).toEqual([]);
    expect(await deliveryOf(t)).toBe('pending');
    expect(t.logLines.join('\n')).not.toContain('www.northfield.example/hours');
  });
});

describeEachBackend('the notice after a reset', (backend) => {
  async function resetAmira(kiosk: TestKiosk, mail: ReturnType<typeof createRecordingEmailSender>) {
    valueOf(await kiosk.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await kiosk.call('code:choose', { method: 'email' }));
    await waitUntil(() => mail.sent.length === 1, 'the code is sent');
    valueOf(await kiosk.call('code:verify', { code: codeIn(mail.sent[0]!.text) }));
  }

  it('finishes the reset when the notice cannot be written, audits each failed try, and gives up after notifications.giveUpAfterHours', async () => {
    const mail = createRecordingEmailSender('deliver');
    t = await startTestKiosk({
      dataDir: dirs.make(),
      backend,
      email: mail.sender,
      // Only the notice names the kiosk's location.
      configure: (config) => ({ ...config, kiosk: { ...config.kiosk, location: 'www.northfield.example/library' } }),
    });
    await resetAmira(t, mail);
    // The password is changed at this point: the person must be told so, not shown an error.
    expect(valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }))).toMatchObject({
      stage: 'done',
      outcome: 'changed',
      notice: 'queued',
    });
    const [failed] = await waitForAudit(t, 'notification.failed');
    expect(failed).toMatchObject({ outcome: 'failed' });
    expect(detailOf(failed)).toEqual({ outboxId: 1, kind: 'password_reset', channel: 'email', attempts: 1, errorClass: 'unknown' });
    expect(mail.sent).toHaveLength(1);

    // It stays in the outbox, retried with backoff, until it is older than 72 hours. The background pass
    // that failed may still hold its claim: let it finish, or this pass finds nothing due and returns.
    await t.kiosk.settled();
    t.clock.advance({ hours: 72 });
    await t.kiosk.outbox.runOnce();
    const [gaveUp] = await waitForAudit(t, 'notification.gave_up');
    expect(detailOf(gaveUp)).toMatchObject({ outboxId: 1, kind: 'password_reset', attempts: 2 });
    expect(await rowsOf(t.kiosk.store, 'outbox')).toMatchObject([{ attempts: 2, sent_at: null, gave_up_at: '2026-03-05T09:00:00.000Z' }]);
    expect(mail.sent).toHaveLength(1);
  });

  it('logs a notice the server refused without failing the reset, and sends it once mail works again', async () => {
    const mail = createRecordingEmailSender('deliver');
    t = await startTestKiosk({ dataDir: dirs.make(), backend, email: mail.sender });
    await resetAmira(t, mail);
    mail.setBehaviour('fail');
    expect(valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' })).stage).toBe('done');
    await waitForAudit(t, 'notification.failed');
    expect(t.logLines).toContain('notice 1 not sent (unknown)');

    // The next pass before the retry is due sends nothing; after it, the notice goes.
    mail.setBehaviour('deliver');
    expect(await t.kiosk.outbox.runOnce()).toBe(0);
    t.clock.advance({ minutes: 1 });
    expect(await t.kiosk.outbox.runOnce()).toBe(1);
    expect(mail.sent.map((message) => message.to)).toEqual(['amira.khan@homemail.example', 'amira.khan@homemail.example']);
    const [sent] = await waitForAudit(t, 'notification.sent');
    expect(detailOf(sent)).toEqual({ outboxId: 1, kind: 'password_reset', channel: 'email', attempts: 2 });
    await t.kiosk.close();
    expect(mail.closed).toBe(true);
    t = undefined;
  });
});
