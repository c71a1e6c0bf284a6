import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret } from 'otpauth';
import type { Clock } from '../ports.js';

/** What authenticator apps agree on by default (RFC 6238, Google's Key URI format): SHA-1, 6 digits, 30 s. */
export const totpDigits = 6;
export const totpPeriodSeconds = 30;
/** One step either way: a phone clock a little off, or a code typed as it rolled over. */
export const totpDriftSteps = 1;

export interface TotpOptions {
  clock: Clock;
  /** 6 for the kiosk; a parameter so the RFC's 8-digit test vectors go through the same code. */
  digits?: number;
  periodSeconds?: number;
  driftSteps?: number;
}

export interface Totp {
  digits: number;
  periodSeconds: number;
  /** The time step the clock is in now. */
  stepNow(): number;
  /** The code for one time step (tests, and the app's side of the conversation). */
  codeAt(secret: Uint8Array, step: number): string;
  /**
   * The time step `code` belongs to within the drift window around now, or null. Every step in the
   * window is computed and compared in constant time, whatever the input, so the time taken says
   * nothing about which step (if any) matched.
   */
  match(secret: Uint8Array, code: string): number | null;
}

/** TOTP (RFC 6238) over otpauth's HOTP (RFC 4226), with the kiosk's clock instead of Date.now(). */
export function createTotp(options: TotpOptions): Totp {
  const digits = options.digits ?? totpDigits;
  const periodSeconds = options.periodSeconds ?? totpPeriodSeconds;
  const driftSteps = options.driftSteps ?? totpDriftSteps;
  const codeAt = (secret: Uint8Array, step: number) =>
    HOTP.generate({ secret: new Secret({ buffer: copyOf(secret) }), algorithm: 'SHA1', digits, counter: step });
  const stepNow = () => Math.floor(options.clock.now().getTime() / 1000 / periodSeconds);

  return {
    digits,
    periodSeconds,
    stepNow,
    codeAt,
    match(secret, code) {
      const typed = code.replace(/\s/g, '');
      const wellFormed = typed.length === digits && /^[0-9]+$/.test(typed);
      // Compared as fixed-length buffers, so a short or long input costs what a right-length one does.
      const offered = Buffer.alloc(digits);
      offered.write(typed.slice(0, digits), 'latin1');
      const now = stepNow();
      let matched: number | null = null;
      for (let step = now - driftSteps; step <= now + driftSteps; step += 1) {
        const same = timingSafeEqual(offered, Buffer.from(codeAt(secret, step), 'latin1'));
        // The newest matching step wins; no early exit, so every step costs the same.
        if (same && wellFormed) matched = step;
      }
      return matched;
    },
  };
}

/** otpauth keeps a reference to the buffer it is given; a copy keeps the caller's bytes its own. */
function copyOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
