import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { runThrottleClear } from '../../../tools/admin/throttle-commands.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

const wrongCode = '00000000';

/** A stranger's scripted attempt on one name: a fresh session, a code request, one wrong code. */
async function guessOnce(kiosk: TestKiosk, username: string) {
  await kiosk.call('session:startOver', {});
  valueOf(await kiosk.call('journey:begin', { purpose: 'reset', username }));
  valueOf(await kiosk.call('code:choose', { method: 'email' }));
  return kiosk.call('code:verify', { code: wrongCode });
}

const withThrottle = (throttle: Partial<KioskConfig['throttle']>) => (config: KioskConfig): KioskConfig => ({
  ...config,
  throttle: { ...config.throttle, ...throttle },
});

describeEachBackend('wrong codes at one kiosk, across every name', (backend) => {
  it('pass freely at first, then cost the guesser doubling waits, whatever name is typed', async () => {
    // Code requests are paced too; out of the way here, so only the wrong codes are measured.
    const roomy = { free: 1000, limit: 1000, windowMinutes: 10, firstWaitSeconds: 1, maxWaitSeconds: 1 };
    t = await startTestKiosk({ dataDir: dirs.make(), backend, configure: withThrottle({ kioskRequests: roomy }) });
    const { free, firstWaitSeconds } = t.kiosk.config.throttle.kioskFailedProofs;
    for (let i = 0; i < free; i += 1) expect(await guessOnce(t, `stranger.${i}`)).toMatchObject({ ok: false, error: { code: 'CODE_WRONG' } });

    const paced = await guessOnce(t, 'stranger.next');
    expect(paced).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: firstWaitSeconds } } });
    t.clock.advance({ seconds: firstWaitSeconds });
    expect(await guessOnce(t, 'stranger.next')).toMatchObject({ ok: false, error: { code: 'CODE_WRONG' } });
    expect(await guessOnce(t, 'stranger.after')).toMatchObject({ ok: false, error: { details: { retryAfterSeconds: firstWaitSeconds * 2 } } });
  });

  it('stop at the ceiling until the oldest of them leaves the window, then pass again', async () => {
    t = await startTestKiosk({
      dataDir: dirs.make(),
      backend,
      configure: withThrottle({ kioskFailedProofs: { free: 3, limit: 4, windowMinutes: 60, firstWaitSeconds: 1, maxWaitSeconds: 1 } }),
    });
    await guessOnce(t, 'a.one');
    t.clock.advance({ minutes: 10 });
    for (const name of ['b.two', 'c.three']) await guessOnce(t, name);
    t.clock.advance({ seconds: 1 });
    await guessOnce(t, 'd.four');
    t.clock.advance({ seconds: 1 });
    const capped = await guessOnce(t, 'e.five');
    // The first wrong code was 10 min 2 s ago: the window frees its slot in 49 min 58 s.
    expect(capped).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 50 * 60 - 2 } } });
    const until = (capped as { error: { details: { until: string } } }).error.details.until;
    expect(until).toBe('2026-03-02T10:00:00.000Z');
    t.clock.set(until);
    expect(await guessOnce(t, 'e.five')).toMatchObject({ ok: false, error: { code: 'CODE_WRONG' } });
  });
});

describeEachBackend('code requests at one kiosk', (backend) => {
  it('never lock the kiosk for everyone: past the free ones they wait a few seconds, doubling, at most a minute', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    const { free, maxWaitSeconds } = t.kiosk.config.throttle.kioskRequests;
    for (let i = 0; i < free; i += 1) {
      await t.call('session:startOver', {});
      valueOf(await t.call('journey:begin', { purpose: 'reset', username: `visitor.${i}` }));
      valueOf(await t.call('code:choose', { method: 'email' }));
    }
    const waits: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      await t.call('session:startOver', {});
      valueOf(await t.call('journey:begin', { purpose: 'reset', username: `visitor.extra.${i}` }));
      const refused = await t.call('code:choose', { method: 'email' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
      const wait = (refused as { error: { details: { retryAfterSeconds: number } } }).error.details.retryAfterSeconds;
      waits.push(wait);
      t.clock.advance({ seconds: wait });
      valueOf(await t.call('code:choose', { method: 'email' }));
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60, 60, 60, 60]);
    expect(Math.max(...waits)).toBe(maxWaitSeconds);
  });
});

describeEachBackend('text messages to one person', (backend) => {
  it('are limited to smsSends (5 an hour), then blocked for 24 hours with the end time given; email is counted apart', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    valueOf(await t.call('code:choose', { method: 'sms' }));
    for (let sent = 2; sent <= 5; sent += 1) {
      t.clock.advance({ minutes: 1 });
      valueOf(await t.call('code:resend', {}));
    }
    t.clock.advance({ minutes: 1 });
    const refused = await t.call('code:resend', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    const details = (refused as { error: { details: { retryAfterSeconds: number; until: string } } }).error.details;
    // The fifth text started a 24-hour block one minute ago.
    expect(details.retryAfterSeconds).toBe(24 * 3600 - 60);
    expect(Date.parse(details.until) - t.clock.now().getTime()).toBe((24 * 3600 - 60) * 1000);
    await t.kiosk.settled();
    expect(t.kiosk.demoOutbox!.messages().filter((message) => message.channel === 'sms')).toHaveLength(5);

    // Emails are counted apart (emailSends), so the person can still ask for a code by email.
    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    expect(valueOf(await t.call('code:choose', { method: 'email' })).stage).toBe('code_sent');
  });

  it('are counted in a sliding hour: more are allowed once the first is an hour old', async () => {
    const hourly = { limit: 5, windowMinutes: 60, blockMinutes: 1440 };
    t = await startTestKiosk({ dataDir: dirs.make(), backend, configure: withThrottle({ smsSends: hourly }) });
    // A new walk-up each time: ten minutes apart, one session would have ended.
    const textOnce = async () => {
      await t!.call('session:startOver', {});
      valueOf(await t!.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
      return t!.call('code:choose', { method: 'sms' });
    };
    for (let sent = 1; sent <= 4; sent += 1) {
      valueOf(await textOnce());
      t.clock.advance({ minutes: 10 });
    }
    // Texts at 0, 10, 20 and 30 minutes; at 61 the first has left the window: a fifth and a sixth pass,
    // the sixth being the fifth in the window (the last allowed), and the seventh is refused.
    t.clock.advance({ minutes: 21 });
    valueOf(await textOnce());
    expect(valueOf(await textOnce()).stage).toBe('code_sent');
    expect(await textOnce()).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
  });
});

describeEachBackend('a person blocked by wrong codes', (backend) => {
  it('is told until when, and the desk can clear the block after an ID check', async () => {
    const dataDir = dirs.make();
    const mail = createRecordingEmailSender();
    t = await startTestKiosk({ dataDir, backend, persistent: true, email: mail.sender });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    let blocked = await t.call('code:verify', { code: wrongCode });
    for (let i = 0; i < 10 && !(blocked.ok === false && blocked.error.code === 'TOO_MANY_ATTEMPTS' && t.kiosk.config.throttle.failedProofs.blockMinutes * 60 === blocked.error.details?.retryAfterSeconds); i += 1) {
      // Past the kiosk's free wrong codes each try waits a little: the stranger pays in time.
      const wait = blocked.ok ? 0 : (blocked.error.details?.retryAfterSeconds ?? 0);
      if (!blocked.ok && blocked.error.code === 'TOO_MANY_ATTEMPTS') t.clock.advance({ seconds: wait });
      if (!blocked.ok && blocked.error.code === 'CODE_EXPIRED') {
        valueOf(await t.call('code:resend', {}));
        await t.kiosk.settled();
      }
      blocked = await t.call('code:verify', { code: wrongCode });
    }
    expect(blocked).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 24 * 3600 } } });
    const until = (blocked as { error: { details: { until: string } } }).error.details.until;
    expect(Date.parse(until) - t.clock.now().getTime()).toBe(24 * 3600 * 1000);
    const code = codeIn(mail.sent.at(-1)!.text);
    // The journey has ended in the blocked stage: the right code is not even looked at.
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'blocked', purpose: 'reset', until });
    expect(await t.call('code:verify', { code })).toEqual({ ok: false, error: { code: 'WRONG_STAGE' } });

    // The desk checks the student card in person, then clears the block with the admin command.
    await t.kiosk.close();
    const configFile = path.join(dataDir, 'kiosk.json');
    const config = { ...t.kiosk.config, sms: { provider: 'none' }, mail: { from: t.kiosk.config.mail.from, smtp: { host: 'smtp.invalid' } } };
    writeFileSync(configFile, JSON.stringify(config));
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    expect(await runThrottleClear(['--config', configFile, '--username', 'Amira.Khan', '--checked', 'student-card'], t.env, output, t.clock)).toBe(0);
    expect(JSON.parse(printed)).toEqual({ cleared: true, wereBlocked: ['failedProofs'] });

    t = await startTestKiosk({ dataDir, backend, persistent: true, email: mail.sender });
    // The kiosk's own short wait after the stranger's wrong codes has long passed by now.
    t.clock.advance({ minutes: 5 });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    expect(valueOf(await t.call('code:verify', { code: codeIn(mail.sent.at(-1)!.text) })).stage).toBe('new_password');
    const desk = (await t.kiosk.store.db.selectFrom('audit_log').selectAll().where('event', '=', 'desk.blocks_cleared').execute())[0]!;
    expect(desk).toMatchObject({ actor: 'admin', username: 'amira.khan' });
    expect(JSON.parse(desk.detail)).toEqual({ idCheck: 'student-card', wereBlocked: ['failedProofs'] });
  });
});
