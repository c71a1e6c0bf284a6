import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { guessChancePerKioskDay, maxGuessChancePerKioskDay } from '../../electron/core/config/guess-bound.js';
import { accountRows } from '../../electron/core/store/accounts.js';
import { contactRows } from '../../electron/core/store/contacts.js';
import { maxEventsPerDay } from '../../electron/core/throttle/pacing.js';
import type { Result } from '../../shared/ipc/result.js';
import { codeIn } from '../../test/support/core-kiosk.js';
import { createTestClock } from '../../test/support/test-clock.js';
import { figure, type Figure, type SectionOptions } from '../figure.js';
import { startKioskUnderTest, type KioskUnderTest } from '../kiosk-under-test.js';

const section = 'brute force';
const day = 24 * 3600 * 1000;

/** Registered people for the attacker to aim at, so per-account limits never stop him: only the kiosk's do. */
async function seedTargets(k: KioskUnderTest, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, index) => `target.${index}`);
  await k.t.kiosk.store.run(async (tx) => {
    for (const username of names) {
      const id = await accountRows.insert(tx, {
        username,
        firstName: 'Target',
        lastName: 'Person',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA',
        passwordChangedAt: '2026-01-01T00:00:00.000Z',
      });
      await contactRows.add(tx, id, { kind: 'email', value: `${username}@homemail.example`, verifiedAt: '2026-01-01T00:00:00.000Z' });
    }
  });
  return names;
}

const waitOf = (result: Result<unknown>): number | null =>
  !result.ok && result.error.code === 'TOO_MANY_ATTEMPTS' ? (result.error.details?.retryAfterSeconds ?? 1) : null;

/**
 * A scripted attacker at one kiosk for one simulated day (the injected clock moves exactly as far as
 * each wait the kiosk asks for): every guess is a random code typed for a registered person, each
 * code request and guess goes through the IPC router as the page would send it.
 */
async function attackOneDay(k: KioskUnderTest, targets: string[], codeLength: number) {
  const { t } = k;
  const end = t.clock.now().getTime() + day;
  const guess = () => String(randomInt(0, 10 ** codeLength)).padStart(codeLength, '0');
  let successes = 0;
  let refusedWaits = 0;
  let next = 0;
  while (t.clock.now().getTime() < end) {
    const username = targets[next % targets.length]!;
    next += 1;
    await k.call('session:startOver', {});
    await k.call('journey:begin', { purpose: 'reset', username });
    let request = await k.call('code:choose', { method: 'email' });
    while (waitOf(request) !== null && t.clock.now().getTime() < end) {
      t.clock.advance({ seconds: waitOf(request)! });
      refusedWaits += 1;
      request = await k.call('code:choose', { method: 'email' });
    }
    if (!request.ok) continue;
    await t.kiosk.settled();
    let answer = await k.call('code:verify', { code: guess() });
    while (waitOf(answer) !== null && t.clock.now().getTime() < end) {
      t.clock.advance({ seconds: waitOf(answer)! });
      refusedWaits += 1;
      answer = await k.call('code:verify', { code: guess() });
    }
    if (answer.ok && answer.value.stage === 'new_password') successes += 1;
  }
  const checked = await t.kiosk.store.read((db) => db.selectFrom('throttle_events').select('id').where('scope', '=', 'kioskFailedProofs').execute());
  const issued = await t.kiosk.store.read((db) => db.selectFrom('challenges').select('id').execute());
  return { checked: checked.length + successes, issued: issued.length, successes, refusedWaits };
}

/**
 * Honest people at a busy kiosk: one walks up every two minutes for ten hours, one in five mistypes
 * the code once. None of them may be told to wait.
 */
async function honestDay(k: KioskUnderTest): Promise<{ people: number; toldToWait: number }> {
  const { t } = k;
  const outbox = t.kiosk.demoOutbox!;
  let toldToWait = 0;
  const people = 300;
  const names = ['amira.khan', 'ben.okafor', 'dev.patel'];
  for (let person = 0; person < people; person += 1) {
    t.clock.advance({ minutes: 2 });
    await k.call('session:startOver', {});
    await k.call('journey:begin', { purpose: 'reset', username: names[person % names.length]! });
    const before = outbox.messages().length;
    const request = await k.call('code:choose', { method: 'email' });
    if (waitOf(request) !== null) toldToWait += 1;
    await t.kiosk.settled();
    const code = codeIn(outbox.messages().slice(before).at(-1)?.text ?? '', t.kiosk.config.codes.length);
    if (person % 5 === 0) {
      if (waitOf(await k.call('code:verify', { code: code === '00000000' ? '00000001' : '00000000' })) !== null) toldToWait += 1;
      // Reading "that code is not right" and typing it again takes a person some seconds.
      t.clock.advance({ seconds: 10 });
    }
    const proved = await k.call('code:verify', { code });
    if (!proved.ok) toldToWait += 1;
    // A successful proof clears the person's own counts only when the password is set; people here
    // stop at the proof, so spread them over accounts as a real day would be.
    await t.kiosk.store.run((tx) => tx.deleteFrom('throttle_events').where('scope', 'in', ['failedProofs', 'emailSends']).execute());
  }
  return { people, toldToWait };
}

export async function bruteForceSection(options: SectionOptions): Promise<Figure[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-brute-'));
  try {
    options.progress('brute force: one simulated day of scripted guessing at one kiosk...');
    const attack = await startKioskUnderTest({ dataDir: path.join(folder, 'attack'), recorder: options.recorder, clock: createTestClock() });
    const config = attack.t.kiosk.config;
    const targets = await seedTargets(attack, 2000);
    const result = await attackOneDay(attack, targets, config.codes.length);
    await attack.finish();

    const bound = maxEventsPerDay(config.throttle.kioskFailedProofs) + 1;
    const chance = guessChancePerKioskDay(bound, config.codes.length);
    options.progress('brute force: a busy day of honest people...');
    const honest = await startKioskUnderTest({ dataDir: path.join(folder, 'honest'), recorder: options.recorder, clock: createTestClock() });
    const people = await honestDay(honest);
    await honest.finish();

    return [
      figure(section, 'codes checked in one simulated day', result.checked, `<= ${bound} (the kiosk's ceiling)`, result.checked <= bound),
      figure(section, 'codes issued', result.issued, null, null),
      figure(section, 'times the attacker was made to wait', result.refusedWaits, null, null),
      figure(section, 'successful guesses', result.successes, '0', result.successes === 0),
      figure(
        section,
        'chance of any success per kiosk-day (from the limits)',
        chance.toExponential(2),
        `< ${maxGuessChancePerKioskDay}`,
        chance < maxGuessChancePerKioskDay,
        `${bound} guesses a day at most (throttle.kioskFailedProofs ${config.throttle.kioskFailedProofs.limit} per ${config.throttle.kioskFailedProofs.windowMinutes} min, plus one), ${config.codes.length}-digit codes`,
      ),
      figure(section, `honest people told to wait (${people.people} in a busy day, 1 in 5 mistypes)`, people.toldToWait, '0', people.toldToWait === 0),
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
