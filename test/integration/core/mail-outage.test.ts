import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

const events = async (kiosk: TestKiosk) => (await rowsOf<{ event: string; detail: string }>(kiosk.kiosk.store, 'audit_log')).filter((row) => row.event.startsWith('notification.'));

describeEachBackend('when the mail relay fails', (backend) => {
  it('pressing "Send a new code" again and again does not hammer it: probes back off, nothing else reaches it', async () => {
    const mail = createRecordingEmailSender();
    mail.setRelayDown(true);
    t = await startTestKiosk({ dataDir: dirs.make(), backend, email: mail.sender });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    const answers = [];
    for (let press = 0; press < 14; press += 1) {
      answers.push(await t.call('code:resend', {}));
      await t.kiosk.settled();
      t.clock.advance({ ms: 500 });
    }
    // 7 s of presses: the first probe failed, the next is due 5 s later, then 10 s after that.
    expect(mail.probes).toBe(2);
    expect(mail.attempted).toEqual([]);
    expect(answers.filter((answer) => !answer.ok && answer.error.code === 'DELIVERY_UNAVAILABLE')).toHaveLength(13);
  });

  it('keeps a notice in the outbox through failures and a restart, and sends it once the relay is back', async () => {
    const dataDir = dirs.make();
    const mail = createRecordingEmailSender();
    t = await startTestKiosk({ dataDir, backend, persistent: true, email: mail.sender });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    valueOf(await t.call('code:verify', { code: codeIn(mail.sent[0]!.text) }));
    // The relay takes the code, then starts refusing everything before the notice goes.
    mail.setBehaviour('fail');
    const done = valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }));
    // Done promises a notice "will" be emailed: it is queued, not yet sent.
    expect(done).toMatchObject({ stage: 'done', outcome: 'changed', notice: 'queued' });
    await t.kiosk.settled();
    expect((await events(t)).map((row) => row.event)).toEqual(['notification.failed']);
    expect(JSON.parse((await events(t))[0]!.detail)).toMatchObject({ kind: 'password_reset', attempts: 1, errorClass: 'unknown' });

    await t.kiosk.close();
    mail.setBehaviour('deliver');
    t = await startTestKiosk({ dataDir, backend, persistent: true, email: mail.sender, clock: t.clock });
    // Not due yet: the first retry waits a minute.
    expect(await t.kiosk.outbox.runOnce()).toBe(0);
    t.clock.advance({ minutes: 1 });
    expect(await t.kiosk.outbox.runOnce()).toBe(1);
    expect(mail.sent.map((message) => message.subject)).toEqual([expect.stringContaining('reset code'), expect.stringContaining('password was reset')]);
    expect((await events(t)).map((row) => row.event)).toEqual(['notification.failed', 'notification.sent']);
    expect(await t.kiosk.outbox.runOnce()).toBe(0);
  });

  it('gives up on a notice after notifications.giveUpAfterHours, and says so in the audit', async () => {
    const mail = createRecordingEmailSender();
    t = await startTestKiosk({ dataDir: dirs.make(), backend, persistent: true, email: mail.sender });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    valueOf(await t.call('code:verify', { code: codeIn(mail.sent[0]!.text) }));
    mail.setBehaviour('fail');
    valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }));
    await t.kiosk.settled();
    t.clock.advance({ hours: 73 });
    await t.kiosk.outbox.runOnce();
    expect((await events(t)).map((row) => row.event)).toEqual(['notification.failed', 'notification.gave_up']);
    t.clock.advance({ hours: 2 });
    expect(await t.kiosk.outbox.runOnce()).toBe(0);
    expect(mail.attempted.filter((message) => message.subject.includes('password was reset'))).toHaveLength(2);
  });
});
