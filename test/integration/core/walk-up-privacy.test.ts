import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { idleGraceSeconds } from '../../../electron/core/session/session-holder.js';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

describe('a password typed into the username box', () => {
  it('is kept nowhere: not in any answer, audit row, throttle or challenge, log line, or the database file', async () => {
    const typedPassword = 'Tq7Vm2Rk9Lp4Wz';
    t = await startTestKiosk({ dataDir: dirs.make() });
    const answers = [
      await t.call('journey:begin', { purpose: 'reset', username: typedPassword }),
      await t.call('code:choose', { method: 'email' }),
      await t.call('code:verify', { code: '12345678' }),
      await t.call('code:resend', {}),
      await t.call('session:get', {}),
      await t.call('session:startOver', {}),
    ];
    await t.kiosk.settled();
    expect(JSON.stringify(answers)).not.toContain(typedPassword);
    for (const table of ['audit_log', 'throttle_events', 'challenges']) {
      const rows = await rowsOf(t.kiosk.store, table);
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(typedPassword);
      expect(JSON.stringify(rows).toLowerCase()).not.toContain(typedPassword.toLowerCase());
    }
    expect(t.logLines.join('\n')).not.toContain(typedPassword);
    // The desk can still follow it: every row about it carries the same pseudonym.
    const keys = new Set((await rowsOf<{ name_key: string | null }>(t.kiosk.store, 'audit_log')).map((row) => row.name_key).filter((key) => key !== null));
    expect(keys).toEqual(new Set([t.kiosk.pseudonym(typedPassword)]));

    const file = t.kiosk.config.store.kind === 'sqlite' ? t.kiosk.config.store.path : '';
    await t.kiosk.close();
    for (const suffix of ['', '-wal']) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(`${file}${suffix}`);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(typedPassword))).toBe(false);
      expect(bytes.includes(Buffer.from(typedPassword.toLowerCase()))).toBe(false);
    }
    t = undefined;
  });
});

describe('main\u2019s own idle limit', () => {
  const idleLimitSeconds = (kiosk: TestKiosk) => kiosk.kiosk.config.kiosk.idleSeconds + idleGraceSeconds;

  it('ends a session nobody touched, even if the page keeps asking (a reloaded renderer cannot resume it)', async () => {
    t = await startTestKiosk({ dataDir: dirs.make() });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    // Polling (what a reloaded page does first) is not activity.
    for (let i = 0; i < 10; i += 1) {
      t.clock.advance({ seconds: idleLimitSeconds(t) / 10 - 0.5 });
      valueOf(await t.call('session:get', {}));
    }
    t.clock.advance({ seconds: 5 });
    expect(await t.call('session:get', {})).toEqual({ ok: false, error: { code: 'SESSION_EXPIRED' } });
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
    const rows = await rowsOf<{ event: string; detail: string }>(t.kiosk.store, 'audit_log');
    expect(rows.at(-1)).toMatchObject({ event: 'session.idle_ended' });
    expect(JSON.parse(rows.at(-1)!.detail)).toEqual({ stage: 'code_sent' });
  });

  it('keeps a session the person is still using (steps and reported activity), and sweeps an idle one by itself', async () => {
    let ended = 0;
    t = await startTestKiosk({ dataDir: dirs.make(), onSessionEnded: () => (ended += 1) });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance({ seconds: idleLimitSeconds(t) - 1 });
      valueOf(await t.call('session:stillHere', {}));
    }
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'choose_method' });
    // Nobody calls at all now: main's own sweep (a timer in the running kiosk) ends it and tells the shell.
    t.clock.advance({ seconds: idleLimitSeconds(t) });
    await t.kiosk.journeys.sweep();
    expect(ended).toBe(1);
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
  });
});
