import { describe, expect, it } from 'vitest';
import { createAuthenticators } from '../../../../electron/core/authenticator/authenticators.js';
import { createTotp } from '../../../../electron/core/authenticator/totp.js';
import { createSeededRandom } from '../../../support/seeded-random.js';
import { createTestClock } from '../../../support/test-clock.js';

/** RFC 6238 Appendix B, SHA-1: the ASCII seed "12345678901234567890", 8-digit codes, 30 s steps. */
const rfcSeed = Buffer.from('12345678901234567890', 'ascii');
const rfcVectors: { seconds: number; step: number; code: string }[] = [
  { seconds: 59, step: 0x1, code: '94287082' },
  { seconds: 1111111109, step: 0x23523ec, code: '07081804' },
  { seconds: 1111111111, step: 0x23523ed, code: '14050471' },
  { seconds: 1234567890, step: 0x273ef07, code: '89005924' },
  { seconds: 2000000000, step: 0x3f940aa, code: '69279037' },
  { seconds: 20000000000, step: 0x27bc86aa, code: '65353130' },
];
/** The same seed in base32, as an authenticator app would be given it. */
const rfcSeedBase32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

const atSeconds = (seconds: number) => new Date(seconds * 1000).toISOString();

function kioskAuthenticators(clock = createTestClock()) {
  return createAuthenticators({ clock, random: createSeededRandom(), key: Buffer.alloc(32, 7), issuer: 'Example College', refusal: null });
}

describe('TOTP (RFC 6238) through the kiosk\'s own code path and clock', () => {
  it.each(rfcVectors)('at T=$seconds s the 8-digit code $code is the one of step $step', ({ seconds, step, code }) => {
    const clock = createTestClock(atSeconds(seconds));
    const totp = createTotp({ clock, digits: 8 });
    expect(totp.stepNow()).toBe(step);
    expect(totp.codeAt(rfcSeed, step)).toBe(code);
    expect(totp.match(rfcSeed, code)).toBe(step);
  });

  it.each(rfcVectors)('the kiosk (6 digits) accepts the last six digits of the RFC code at T=$seconds s', ({ seconds, step, code }) => {
    const authenticators = kioskAuthenticators(createTestClock(atSeconds(seconds)));
    // RFC 4226 truncation: a 6-digit code is the 8-digit one modulo 10^6.
    expect(authenticators.checkNew(rfcSeedBase32, code.slice(2))).toBe(step);
    expect(authenticators.checkNew(rfcSeedBase32, code)).toBeNull();
  });

  it('accepts one step of drift either way and refuses two', () => {
    const clock = createTestClock(atSeconds(1111111111));
    const totp = createTotp({ clock });
    const now = totp.stepNow();
    const authenticators = kioskAuthenticators(clock);
    for (const offset of [-1, 0, 1]) expect(authenticators.checkNew(rfcSeedBase32, totp.codeAt(rfcSeed, now + offset)), `offset ${offset}`).toBe(now + offset);
    for (const offset of [-3, -2, 2, 3]) expect(authenticators.checkNew(rfcSeedBase32, totp.codeAt(rfcSeed, now + offset)), `offset ${offset}`).toBeNull();
  });

  it('follows the injected clock, not the machine\'s', () => {
    const clock = createTestClock('2026-03-02T09:00:00.000Z');
    const totp = createTotp({ clock });
    const code = totp.codeAt(rfcSeed, totp.stepNow());
    expect(totp.match(rfcSeed, code)).toBe(totp.stepNow());
    clock.advance({ seconds: 90 });
    expect(totp.match(rfcSeed, code)).toBeNull();
  });

  it('refuses malformed codes and secrets without throwing', () => {
    const clock = createTestClock(atSeconds(59));
    const authenticators = kioskAuthenticators(clock);
    const good = '287082';
    expect(authenticators.checkNew(rfcSeedBase32, good)).toBe(1);
    // Spaces as an app shows them ("287 082") are fine; anything else is not a code.
    expect(authenticators.checkNew(rfcSeedBase32, '287 082')).toBe(1);
    for (const bad of ['', '28708', '2870821', '28708a', '２８７０８２', '287082\u0000', 'x'.repeat(1000)]) {
      expect(authenticators.checkNew(rfcSeedBase32, bad), JSON.stringify(bad)).toBeNull();
    }
    for (const badSecret of ['', 'not base32!', '0189']) expect(authenticators.checkNew(badSecret, good)).toBeNull();
  });
});
