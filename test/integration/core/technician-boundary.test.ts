import { afterEach, beforeAll, expect, it } from 'vitest';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { demoTechnician } from '../../../electron/core/demo/demo-technician.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { technicianChannels } from '../../../shared/ipc/contract.js';
import { appCodeAt } from '../../support/authenticator-app.js';
import { describeEachBackend } from '../../support/backends.js';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

const pin = '24681357';
let pinHash = '';
beforeAll(async () => {
  pinHash = await createArgon2Hasher(createDemoConfig('/tmp').hashing).hash(pin);
});
const withPin = (config: KioskConfig): KioskConfig => ({ ...config, kiosk: { ...config.kiosk, adminPinHash: pinHash } });

/** A kiosk that counts how often it was asked to quit. */
async function start(backend: 'sqlite' | 'postgres', configure?: (config: KioskConfig) => KioskConfig) {
  const quits = { count: 0 };
  t = await startTestKiosk({ dataDir: dirs.make(), backend, onQuit: () => (quits.count += 1), ...(configure === undefined ? {} : { configure }) });
  return { kiosk: t, quits };
}
/** onQuit is called after the answer has gone back (setImmediate). */
const afterAnswer = () => new Promise((resolve) => setImmediate(resolve));
const quitEvents = async (kiosk: TestKiosk) =>
  (await rowsOf<{ event: string; outcome: string; actor: string | null; detail: string }>(kiosk.kiosk.store, 'audit_log'))
    .filter((row) => row.event === 'kiosk.quit')
    .map((row) => ({ outcome: row.outcome, actor: row.actor, reason: JSON.parse(row.detail).reason ?? null }));
const signIn = (kiosk: TestKiosk) =>
  kiosk.call('technician:signIn', { username: demoTechnician.username, password: demoTechnician.password, code: appCodeAt(demoTechnician.totpSecret, kiosk.clock.now()) });

describeEachBackend('technician channels at the IPC boundary', (backend) => {
  it('refuses every technician channel without a technician session, changing nothing', async () => {
    const { kiosk } = await start(backend);
    const before = await dumpStore(kiosk.kiosk.store);
    const payloads: unknown[] = [{}, { username: 'amira.khan' }, { ticket: 'ABCDEF' }, { document: 'Passport', seenInPerson: true }, { kind: 'reset' }, null];
    for (const channel of technicianChannels) {
      for (const payload of payloads) expect(await kiosk.callRaw(channel, payload), channel).toEqual({ ok: false, error: { code: 'TECHNICIAN_REQUIRED' } });
    }
    expect(await dumpStore(kiosk.kiosk.store)).toBe(before);
  });

  it('answers BAD_INPUT to malformed sign-ins and quits, changing nothing', async () => {
    const { kiosk, quits } = await start(backend, withPin);
    const before = await dumpStore(kiosk.kiosk.store);
    const good = { username: demoTechnician.username, password: demoTechnician.password, code: '123456' };
    const signIns: unknown[] = [
      undefined,
      null,
      'desk.demo',
      {},
      { username: good.username, password: good.password },
      { ...good, code: '12345' },
      { ...good, code: '1234567' },
      { ...good, code: 'abcdef' },
      { ...good, code: 123456 },
      { ...good, username: '' },
      { ...good, username: 'x'.repeat(257) },
      { ...good, username: 'desk\u0000demo' },
      { ...good, password: '' },
      { ...good, password: 'a\u0000b' },
      { ...good, password: 'x'.repeat(1025) },
      { ...good, password: '\ud800' },
      { ...good, extra: true },
    ];
    for (const payload of signIns) expect(await kiosk.callRaw('technician:signIn', payload), JSON.stringify(payload)).toEqual({ ok: false, error: { code: 'BAD_INPUT' } });
    const quitsIn: unknown[] = [null, 'x', { pin: '12345' }, { pin: '1234567890123' }, { pin: 'abcdef' }, { pin: 24681357 }, { pin, extra: 1 }, { pin: ` ${pin}` }];
    for (const payload of quitsIn) expect(await kiosk.callRaw('kiosk:quit', payload), JSON.stringify(payload)).toEqual({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dumpStore(kiosk.kiosk.store)).toBe(before);
    await afterAnswer();
    expect(quits.count).toBe(0);
  });
});

describeEachBackend('quitting kiosk mode', (backend) => {
  it('is allowed to a signed-in technician, audited with them as actor, and asks the shell to quit once', async () => {
    const { kiosk, quits } = await start(backend);
    expect(await kiosk.call('kiosk:quit', {})).toEqual({ ok: false, error: { code: 'QUIT_REFUSED' } });
    valueOf(await signIn(kiosk));
    expect(await kiosk.call('kiosk:quit', {})).toEqual({ ok: true, value: { quitting: true } });
    await afterAnswer();
    expect(quits.count).toBe(1);
    expect(await quitEvents(kiosk)).toEqual([
      { outcome: 'refused', actor: null, reason: 'no_technician' },
      { outcome: 'ok', actor: `technician:${demoTechnician.username}`, reason: null },
    ]);
  });

  it('is allowed with the admin PIN from the configuration', async () => {
    const { kiosk, quits } = await start(backend, withPin);
    expect(valueOf(await kiosk.call('kiosk:info', {})).technician.quitByPin).toBe(true);
    expect(await kiosk.call('kiosk:quit', { pin })).toEqual({ ok: true, value: { quitting: true } });
    await afterAnswer();
    expect(quits.count).toBe(1);
    expect(await quitEvents(kiosk)).toEqual([{ outcome: 'ok', actor: 'admin-pin', reason: null }]);
  });

  it('refuses wrong PINs, blocks after the limit (the right PIN too), and never asks the shell to quit', async () => {
    const { kiosk, quits } = await start(backend, withPin);
    const { limit, blockMinutes } = kiosk.kiosk.config.throttle.technicianSignIns;
    for (let i = 1; i < limit; i += 1) expect(await kiosk.call('kiosk:quit', { pin: '13572468' })).toEqual({ ok: false, error: { code: 'QUIT_REFUSED' } });
    expect(await kiosk.call('kiosk:quit', { pin: '135724680' })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: blockMinutes * 60 } } });
    expect(await kiosk.call('kiosk:quit', { pin })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    // The PIN's block is the kiosk's own: a technician of any name can still sign in.
    valueOf(await signIn(kiosk));
    valueOf(await kiosk.call('technician:signOut', {}));
    await afterAnswer();
    expect(quits.count).toBe(0);
    kiosk.clock.advance({ minutes: blockMinutes });
    expect(await kiosk.call('kiosk:quit', { pin })).toEqual({ ok: true, value: { quitting: true } });
    await afterAnswer();
    expect(quits.count).toBe(1);
    const events = await quitEvents(kiosk);
    expect(events.map((event) => event.reason)).toEqual([...Array<string>(limit).fill('wrong_pin'), 'throttled', null]);
    expect(new Set(events.map((event) => event.actor))).toEqual(new Set(['admin-pin']));
  });

  it('refuses a PIN when none is configured', async () => {
    const { kiosk, quits } = await start(backend);
    expect(valueOf(await kiosk.call('kiosk:info', {})).technician.quitByPin).toBe(false);
    expect(await kiosk.call('kiosk:quit', { pin })).toEqual({ ok: false, error: { code: 'QUIT_REFUSED' } });
    await afterAnswer();
    expect(quits.count).toBe(0);
    expect(await quitEvents(kiosk)).toEqual([{ outcome: 'refused', actor: 'admin-pin', reason: 'no_admin_pin_configured' }]);
  });
});
