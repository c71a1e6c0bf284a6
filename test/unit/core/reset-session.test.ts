import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail } from '../../../shared/ipc/result.js';
import { codeIn, startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk;
const day = 24 * 60 * 60;
const start = Date.parse('2026-03-02T09:00:00.000Z');
/** The ISO time `seconds` after the test clock's start: what TOO_MANY_ATTEMPTS names as `until`. */
const isoAt = (seconds: number) => new Date(start + seconds * 1000).toISOString();

beforeEach(async () => {
  t = await startTestKiosk({ dataDir: dirs.make() });
});
afterEach(async () => {
  await t.kiosk.close();
  dirs.removeAll();
});

/** begin + chooseMethod for a username; returns the code from the outbox when one was sent. */
async function requestCode(username = 'amira.khan'): Promise<string> {
  const before = t.kiosk.demoOutbox!.messages().length;
  valueOf(await t.call('journey:begin', { purpose: 'reset', username }));
  valueOf(await t.call('code:choose', { method: 'email' }));
  const messages = await t.waitForMessages(before + 1);
  return codeIn(messages.at(-1)!.text);
}

async function resend(): Promise<string> {
  const before = t.kiosk.demoOutbox!.messages().length;
  valueOf(await t.call('code:resend', {}));
  return codeIn((await t.waitForMessages(before + 1)).at(-1)!.text);
}

/**
 * Lets time pass with the person still at the kiosk: the page reports activity (session:stillHere)
 * every minute, so main's idle limit does not end the session; the last step is left to the test.
 */
async function stayFor(by: { minutes?: number; seconds?: number; ms?: number }): Promise<void> {
  let left = (by.minutes ?? 0) * 60_000 + (by.seconds ?? 0) * 1000 + (by.ms ?? 0);
  while (left > 60_000) {
    t.clock.advance({ ms: 60_000 });
    left -= 60_000;
    valueOf(await t.call('session:stillHere', {}));
  }
  t.clock.advance({ ms: left });
}

const wrongCodeFor = (code: string) => (code === '00000000' ? '00000001' : '00000000');

describe('the walk-up session follows the stage table', () => {
  it('starts at identify', async () => {
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
  });

  it('refuses every out-of-order call with WRONG_STAGE and changes nothing', async () => {
    const before = await dumpStore(t.kiosk.store);
    const outOfOrderAtIdentify = [
      () => t.call('code:choose', { method: 'email' }),
      () => t.call('code:resend', {}),
      () => t.call('code:verify', { code: '12345678' }),
      () => t.call('policy:check', { password: 'Abcdefgh1234' }),
      () => t.call('password:set', { password: 'Abcdefgh1234', confirmation: 'Abcdefgh1234' }),
    ];
    for (const call of outOfOrderAtIdentify) expect(await call()).toEqual(fail('WRONG_STAGE'));
    expect(await dumpStore(t.kiosk.store)).toBe(before);
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
  });

  it('refuses to begin twice, to verify before a code was sent, and to set a password before a proof', async () => {
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const atChooseMethod = await dumpStore(t.kiosk.store);
    expect(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' })).toEqual(fail('WRONG_STAGE'));
    expect(await t.call('code:resend', {})).toEqual(fail('WRONG_STAGE'));
    expect(await t.call('code:verify', { code: '12345678' })).toEqual(fail('WRONG_STAGE'));
    expect(await t.call('password:set', { password: 'Abcdefgh1234', confirmation: 'Abcdefgh1234' })).toEqual(fail('WRONG_STAGE'));
    expect(await dumpStore(t.kiosk.store)).toBe(atChooseMethod);

    valueOf(await t.call('code:choose', { method: 'email' }));
    expect(await t.call('code:choose', { method: 'email' })).toEqual(fail('WRONG_STAGE'));
    expect(await t.call('policy:check', { password: 'Abcdefgh1234' })).toEqual(fail('WRONG_STAGE'));
    expect(await t.call('password:set', { password: 'Abcdefgh1234', confirmation: 'Abcdefgh1234' })).toEqual(fail('WRONG_STAGE'));
    expect(valueOf(await t.call('session:get', {})).stage).toBe('code_sent');
  });

  it('offers the configured methods to every username and never echoes the typed name', async () => {
    // The typed name is not part of any view before a proof: it may be a password typed in the wrong box.
    expect(valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'nobody.here' }))).toEqual({ stage: 'choose_method', purpose: 'reset', methods: ['email', 'sms', 'app'], proof: { number: 1, of: 1 } });
    expect(valueOf(await t.call('code:choose', { method: 'sms' }))).toMatchObject({ stage: 'code_sent', method: 'sms', delivery: 'pending' });
  });

  it('answers NOT_AVAILABLE for text messages where no text provider is configured', async () => {
    await t.kiosk.close();
    t = await startTestKiosk({ dataDir: dirs.make(), configure: (config) => ({ ...config, sms: { provider: 'none', defaultRegion: 'GB' } }) });
    expect(valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'nobody.here' }))).toEqual({ stage: 'choose_method', purpose: 'reset', methods: ['email', 'app'], proof: { number: 1, of: 1 } });
    expect(await t.call('code:choose', { method: 'sms' })).toEqual(fail('NOT_AVAILABLE'));
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'choose_method', purpose: 'reset', methods: ['email', 'app'], proof: { number: 1, of: 1 } });
  });

  it('goes back to identify on start over, from any stage', async () => {
    await requestCode();
    expect(valueOf(await t.call('session:startOver', {}))).toEqual({ stage: 'identify' });
    expect(valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' })).stage).toBe('choose_method');
  });

  it('serialises overlapping calls, so a double tap cannot run a step twice', async () => {
    const [first, second] = await Promise.all([t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }), t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' })]);
    expect(first.ok).toBe(true);
    expect(second).toEqual(fail('WRONG_STAGE'));
  });
});

describe('the 15-minute session limit', () => {
  it('still allows a call just before 15 minutes', async () => {
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    await stayFor({ minutes: 15, ms: -1 });
    expect(valueOf(await t.call('code:choose', { method: 'email' })).stage).toBe('code_sent');
  });

  it('answers SESSION_EXPIRED at 15 minutes, however active the person was, and is back at identify', async () => {
    const code = await requestCode();
    await stayFor({ minutes: 15 });
    expect(await t.call('code:verify', { code })).toEqual(fail('SESSION_EXPIRED'));
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
    expect(await t.call('code:verify', { code })).toEqual(fail('WRONG_STAGE'));
    const ends = (await rowsOf<{ event: string; detail: string }>(t.kiosk.store, 'audit_log')).filter((row) => row.event.startsWith('session.'));
    expect(ends.map((row) => [row.event, JSON.parse(row.detail)])).toEqual([['session.expired', { stage: 'code_sent' }]]);
  });

  it('counts from begin, not from the last call', async () => {
    const code = await requestCode();
    await stayFor({ minutes: 9 });
    valueOf(await t.call('code:verify', { code }));
    await stayFor({ minutes: 6 });
    expect(await t.call('policy:check', { password: 'Abcdefgh1234' })).toEqual(fail('SESSION_EXPIRED'));
  });

  it('reports the expiry to session:get as well', async () => {
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    t.clock.advance({ minutes: 20 });
    expect(await t.call('session:get', {})).toEqual(fail('SESSION_EXPIRED'));
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
  });
});

describe('the idle limit in main', () => {
  // The page counts down idleSeconds (120 in the demo); main allows 15 s more for its throttled reports.
  const idleLimitSeconds = 120 + 15;

  it('ends a session nobody touches, even if the page never says so; polls do not count as activity', async () => {
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    t.clock.advance({ seconds: idleLimitSeconds, ms: -1 });
    expect(valueOf(await t.call('session:get', {})).stage).toBe('choose_method');
    t.clock.advance({ ms: 1 });
    expect(await t.call('session:get', {})).toEqual(fail('SESSION_EXPIRED'));
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
    const last = (await rowsOf<{ event: string; outcome: string }>(t.kiosk.store, 'audit_log')).at(-1)!;
    expect([last.event, last.outcome]).toEqual(['session.idle_ended', 'refused']);
  });

  it('is ended by the background sweep as well, without any call from the page', async () => {
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    t.clock.advance({ seconds: idleLimitSeconds });
    await t.kiosk.journeys.sweep();
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
  });

  it('starts again with every step and every stillHere', async () => {
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    t.clock.advance({ seconds: idleLimitSeconds - 1 });
    expect(valueOf(await t.call('session:stillHere', {})).stage).toBe('choose_method');
    t.clock.advance({ seconds: idleLimitSeconds - 1 });
    expect(valueOf(await t.call('code:choose', { method: 'email' })).stage).toBe('code_sent');
    t.clock.advance({ seconds: idleLimitSeconds - 1 });
    expect(valueOf(await t.call('session:get', {})).stage).toBe('code_sent');
  });

  it('has nothing to end at identify', async () => {
    t.clock.advance({ hours: 1 });
    expect(valueOf(await t.call('session:stillHere', {}))).toEqual({ stage: 'identify' });
  });
});

describe('codes in the journey', () => {
  it('shows the code length (8 digits by default) and the time left on the code', async () => {
    await requestCode();
    await stayFor({ minutes: 3, seconds: 30 });
    const view = valueOf(await t.call('session:get', {}));
    expect(view).toEqual({ stage: 'code_sent', purpose: 'reset', method: 'email', codeLength: 8, expiresInSeconds: 390, delivery: 'pending' });
  });

  it('takes a code with spaces or dashes as typed from the email', async () => {
    const code = await requestCode();
    valueOf(await t.call('code:verify', { code: `${code.slice(0, 4)} ${code.slice(4)}` }));
    valueOf(await t.call('session:startOver', {}));
    const next = await requestCode();
    valueOf(await t.call('code:verify', { code: `${next.slice(0, 4)}-${next.slice(4)}` }));
  });

  it('answers CODE_EXPIRED exactly at 10 minutes, without counting a failed proof', async () => {
    const code = await requestCode();
    await stayFor({ minutes: 10 });
    expect(await t.call('code:verify', { code })).toEqual(fail('CODE_EXPIRED'));
    const fresh = await resend();
    expect(await t.call('code:verify', { code: wrongCodeFor(fresh) })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
  });

  it('counts down tries and blocks on the 5th wrong code for 24 hours, naming the time it ends', async () => {
    const code = await requestCode();
    const wrong = wrongCodeFor(code);
    for (const triesLeft of [4, 3, 2, 1]) {
      expect(await t.call('code:verify', { code: wrong })).toEqual(fail('CODE_WRONG', { triesLeft }));
    }
    expect(await t.call('code:verify', { code: wrong })).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: day, until: isoAt(day) }));
    // Blocked means blocked: the journey has ended in the blocked stage, and even the right code is not looked at.
    t.clock.advance({ minutes: 1 });
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'blocked', purpose: 'reset', until: isoAt(day) });
    expect(await t.call('code:verify', { code })).toEqual(fail('WRONG_STAGE'));
    expect(valueOf(await t.call('session:get', {})).stage).toBe('blocked');
  });

  it('does not reset the failure count when a new code is requested', async () => {
    const first = await requestCode();
    for (let i = 0; i < 3; i += 1) await t.call('code:verify', { code: wrongCodeFor(first) });
    const second = await resend();
    // The new code has 5 tries, but the account has only 2 proofs left this day.
    expect(await t.call('code:verify', { code: wrongCodeFor(second) })).toEqual(fail('CODE_WRONG', { triesLeft: 1 }));
    expect(await t.call('code:verify', { code: wrongCodeFor(second) })).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: day, until: isoAt(day) }));
  });

  it('keeps the failure count across sessions and for any spelling of the username', async () => {
    const first = await requestCode('amira.khan');
    for (let i = 0; i < 4; i += 1) await t.call('code:verify', { code: wrongCodeFor(first) });
    valueOf(await t.call('session:startOver', {}));
    const second = await requestCode('AMIRA.KHAN');
    expect(await t.call('code:verify', { code: wrongCodeFor(second) })).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: day, until: isoAt(day) }));
  });

  it('refuses to send a code to a blocked account and says how long to wait', async () => {
    const code = await requestCode();
    for (let i = 0; i < 5; i += 1) await t.call('code:verify', { code: wrongCodeFor(code) });
    valueOf(await t.call('session:startOver', {}));
    const sentBefore = t.kiosk.demoOutbox!.messages().length;
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    expect(await t.call('code:choose', { method: 'email' })).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: day, until: isoAt(day) }));
    expect(t.kiosk.demoOutbox!.messages()).toHaveLength(sentBefore);
  });

  it('makes an old code useless once a new one is sent', async () => {
    const old = await requestCode();
    const fresh = await resend();
    expect(fresh).not.toBe(old);
    // The session now holds only the new challenge: the old digits are just a wrong code.
    expect(await t.call('code:verify', { code: old })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
    expect(valueOf(await t.call('code:verify', { code: fresh })).stage).toBe('new_password');
  });

  it('accepts a code only once', async () => {
    const code = await requestCode();
    valueOf(await t.call('code:verify', { code }));
    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    // Start over emptied the demo outbox: the one message is the new code.
    await t.waitForMessages(1);
    // The first code was consumed; typing it into the new request is simply wrong.
    const fresh = codeIn(t.kiosk.demoOutbox!.messages().at(-1)!.text);
    expect(fresh).not.toBe(code);
    expect(await t.call('code:verify', { code })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
  });

  it('limits email sends per account: 10 in 10 minutes, then 24 hours', async () => {
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    for (let i = 0; i < 9; i += 1) valueOf(await t.call('code:resend', {}));
    expect(await t.call('code:resend', {})).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: day, until: isoAt(day) }));
    // Ben has two verified addresses: ten requests, twenty messages, nothing more.
    await t.kiosk.close();
    expect(t.kiosk.demoOutbox!.messages()).toHaveLength(20);
  });
});

describe('the per-kiosk pacing of code requests', () => {
  it('lets the free requests through, then makes each wait longer, across all usernames, and says until when', async () => {
    await t.kiosk.close();
    t = await startTestKiosk({
      dataDir: dirs.make(),
      configure: (config) => ({
        ...config,
        throttle: { ...config.throttle, kioskRequests: { free: 2, limit: 3, windowMinutes: 10, firstWaitSeconds: 30, maxWaitSeconds: 60 } },
      }),
    });
    const ask = async (username: string) => {
      valueOf(await t.call('session:startOver', {}));
      valueOf(await t.call('journey:begin', { purpose: 'reset', username }));
      return t.call('code:choose', { method: 'email' });
    };
    // Registered or not, every name counts the same.
    expect(valueOf(await ask('amira.khan')).stage).toBe('code_sent');
    expect(valueOf(await ask('no.one')).stage).toBe('code_sent');
    expect(await ask('chloe.martin')).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: 30, until: isoAt(30) }));
    t.clock.advance({ seconds: 30 });
    expect(valueOf(await ask('chloe.martin')).stage).toBe('code_sent');
    // Three in ten minutes is the ceiling: the next waits until the first request is ten minutes old.
    t.clock.advance({ seconds: 60 });
    expect(await ask('ben.okafor')).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: 600 - 90, until: isoAt(600) }));
    t.clock.advance({ seconds: 600 - 90 });
    expect(valueOf(await ask('ben.okafor')).stage).toBe('code_sent');
  });
});

describe('checking a new password before submitting', () => {
  it('reports the rules a password fails, with the account’s names, and passes a good one', async () => {
    const code = await requestCode();
    expect(valueOf(await t.call('code:verify', { code }))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'amira.khan' });
    expect(valueOf(await t.call('policy:check', { password: 'amira' }))).toEqual({
      failed: ['too_short', 'needs_upper', 'needs_digit', 'contains_name'],
    });
    expect(valueOf(await t.call('policy:check', { password: 'Xamira.khan7' }))).toEqual({
      failed: ['forbidden_character', 'contains_username', 'contains_name'],
    });
    expect(valueOf(await t.call('policy:check', { password: 'Northfield2026x' }))).toEqual({ failed: ['banned_term'] });
    expect(valueOf(await t.call('policy:check', { password: 'Kx7mQ2vLp9Tz' }))).toEqual({ failed: [] });
  });
});
