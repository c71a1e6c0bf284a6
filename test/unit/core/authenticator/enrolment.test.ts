import jsqr from 'jsqr';
import { Secret, TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createAuthenticators } from '../../../../electron/core/authenticator/authenticators.js';
import { qrMatrixAsTerminalText, qrMatrixOf } from '../../../../electron/core/authenticator/qr-matrix.js';
import { createTotp } from '../../../../electron/core/authenticator/totp.js';
import type { RandomSource } from '../../../../electron/core/ports.js';
import type { QrMatrix } from '../../../../shared/flow/stages.js';
import { createSeededRandom } from '../../../support/seeded-random.js';
import { createTestClock } from '../../../support/test-clock.js';

// jsqr is a CommonJS bundle whose `module.exports` is the function, with `.default` pointing to it too.
const jsQR = jsqr.default;

/** The matrix drawn as a picture (black on white, a 4-module quiet zone, 4 pixels a module) for jsQR. */
function drawn(matrix: QrMatrix, pixelsPerModule = 4, quietModules = 4) {
  const width = (matrix.size + 2 * quietModules) * pixelsPerModule;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  matrix.rows.forEach((row, r) => {
    [...row].forEach((module, c) => {
      if (module !== '1') return;
      for (let dy = 0; dy < pixelsPerModule; dy += 1) {
        for (let dx = 0; dx < pixelsPerModule; dx += 1) {
          const x = (c + quietModules) * pixelsPerModule + dx;
          const y = (r + quietModules) * pixelsPerModule + dy;
          data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
        }
      }
    });
  });
  return { data, width };
}

function authenticators(issuer = 'Example College', random: RandomSource = createSeededRandom()) {
  return createAuthenticators({ clock: createTestClock(), random, key: Buffer.alloc(32, 7), issuer, refusal: null });
}

describe('enrolling an authenticator app', () => {
  it('makes a 20-byte secret from the injected random source, base32 without padding, in groups of four', () => {
    const seeded = createSeededRandom(5);
    const drawnBytes: Buffer[] = [];
    const service = authenticators(undefined, { int: seeded.int, bytes: (length) => (drawnBytes.push(seeded.bytes(length)), drawnBytes.at(-1)!) });
    drawnBytes.splice(0);
    const enrolment = service.enrol('amira.khan');
    expect(drawnBytes.map((bytes) => bytes.length)).toEqual([20]);
    const expectedBytes = drawnBytes[0];
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(Buffer.from(Secret.fromBase32(enrolment.secret).bytes)).toEqual(expectedBytes);
    expect(enrolment.secretGroups).toBe(enrolment.secret.match(/.{4}/g)!.join(' '));
    expect(enrolment.secretGroups.split(' ')).toHaveLength(8);
    expect(enrolment).toMatchObject({ issuer: 'Example College', accountLabel: 'amira.khan', digits: 6, periodSeconds: 30 });
  });

  it('gives a fresh secret every time', () => {
    const service = authenticators();
    expect(new Set(Array.from({ length: 20 }, () => service.enrol('amira.khan').secret)).size).toBe(20);
  });

  it('builds an otpauth URI (Google Key URI format) that parses back to the same secret, issuer and label', () => {
    const enrolment = authenticators('Example College & Co').enrol('amira.khan');
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Example%20College%20%26%20Co:amira\.khan\?/);
    const parsed = URI.parse(enrolment.otpauthUri);
    expect(parsed).toBeInstanceOf(TOTP);
    const totp = parsed as TOTP;
    expect(totp.secret.base32).toBe(enrolment.secret);
    expect(totp.issuer).toBe('Example College & Co');
    expect(totp.label).toBe('amira.khan');
    expect({ algorithm: totp.algorithm, digits: totp.digits, period: totp.period }).toEqual({ algorithm: 'SHA1', digits: 6, period: 30 });
    const query = new URL(enrolment.otpauthUri).searchParams;
    expect(query.get('issuer')).toBe('Example College & Co');
    expect(query.get('secret')).toBe(enrolment.secret);
  });

  it('draws a QR code that decodes (jsQR) to exactly the otpauth URI', () => {
    for (const [issuer, username] of [
      ['Example College', 'amira.khan'],
      ['Université de Genève', 'émile.zola'],
      ['A'.repeat(60), 'someone.with.a.very.long.username@college.example'],
    ] as const) {
      const enrolment = authenticators(issuer).enrol(username);
      expect(enrolment.qr.size).toBe(enrolment.qr.rows.length);
      for (const row of enrolment.qr.rows) expect(row).toMatch(new RegExp(`^[01]{${enrolment.qr.size}}$`));
      const { data, width } = drawn(enrolment.qr);
      expect(jsQR(data, width, width)?.data).toBe(enrolment.otpauthUri);
    }
  });

  it('computes the same codes as the app will from the URI', () => {
    const clock = createTestClock();
    const service = createAuthenticators({ clock, random: createSeededRandom(), key: Buffer.alloc(32, 7), issuer: 'Example College', refusal: null });
    const enrolment = service.enrol('amira.khan');
    const app = URI.parse(enrolment.otpauthUri) as TOTP;
    const step = createTotp({ clock }).stepNow();
    expect(service.checkNew(enrolment.secret, app.generate({ timestamp: clock.now().getTime() }))).toBe(step);
  });

  it('refuses to enrol on a kiosk that cannot keep secrets safely, in words', () => {
    const refused = createAuthenticators({
      clock: createTestClock(),
      random: createSeededRandom(),
      key: Buffer.alloc(32, 7),
      issuer: 'Example College',
      refusal: 'no keyring',
    });
    expect(refused.refusal).toBe('no keyring');
    expect(() => refused.enrol('amira.khan')).toThrow('authenticator apps are not offered on this kiosk: no keyring');
  });
});

describe('a QR matrix as terminal text', () => {
  /** Reads the half blocks back into modules (light = drawn), without the 2-module quiet zone. */
  function readBack(text: string, size: number): string[] {
    const lines = text.split('\n').filter((line) => line !== '');
    const light: boolean[][] = [];
    for (const line of lines) {
      const chars = [...line];
      light.push(chars.map((char) => char === '█' || char === '▀'));
      light.push(chars.map((char) => char === '█' || char === '▄'));
    }
    return light.slice(2, 2 + size).map((row) => row.slice(2, 2 + size).map((isLight) => (isLight ? '0' : '1')).join(''));
  }

  it('draws every module, with a light quiet zone around the code', () => {
    for (const text of ['otpauth://totp/Example:amira?secret=JBSWY3DPEHPK3PXP&issuer=Example', 'x']) {
      const matrix = qrMatrixOf(text);
      const terminal = qrMatrixAsTerminalText(matrix);
      const lines = terminal.split('\n').filter((line) => line !== '');
      expect(lines).toHaveLength(Math.ceil((matrix.size + 4) / 2));
      for (const line of lines) expect([...line]).toHaveLength(matrix.size + 4);
      expect([...lines[0]!].every((char) => char === '█')).toBe(true);
      expect(readBack(terminal, matrix.size)).toEqual(matrix.rows);
    }
  });
});
