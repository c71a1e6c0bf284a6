import { Secret, TOTP } from 'otpauth';
import type { AppEnrolment } from './authenticator-types.js';
import { qrMatrixOf } from './qr-matrix.js';
import { totpDigits, totpPeriodSeconds } from './totp.js';

/** 160 bits, as RFC 4226 recommends and authenticator apps expect for SHA-1. */
export const secretBytes = 20;

/**
 * Everything the enrolment screen shows for one new secret: the otpauth:// URI in Google's Key URI
 * format (label "issuer:username" and the issuer parameter, which apps use to group and name the
 * entry), its QR code, and the base32 secret in groups of four for typing by hand.
 */
export function enrolmentFor(secret: Uint8Array, issuer: string, username: string): AppEnrolment {
  const copy = new Uint8Array(secret.length);
  copy.set(secret);
  const totp = new TOTP({
    issuer,
    label: username,
    issuerInLabel: true,
    secret: new Secret({ buffer: copy.buffer }),
    algorithm: 'SHA1',
    digits: totpDigits,
    period: totpPeriodSeconds,
  });
  const base32 = totp.secret.base32.replace(/=+$/, '');
  const otpauthUri = totp.toString();
  return {
    secret: base32,
    otpauthUri,
    secretGroups: groupsOfFour(base32),
    qr: qrMatrixOf(otpauthUri),
    issuer,
    accountLabel: username,
    digits: totpDigits,
    periodSeconds: totpPeriodSeconds,
  };
}

export function groupsOfFour(text: string): string {
  return (text.match(/.{1,4}/g) ?? []).join(' ');
}

/** The secret's bytes from its base32 form (any case, spaces allowed), or null when it is not base32. */
export function secretBytesOf(base32: string): Buffer | null {
  const cleaned = base32.replace(/\s/g, '').toUpperCase().replace(/=+$/, '');
  if (!/^[A-Z2-7]+$/.test(cleaned)) return null;
  try {
    return Buffer.from(Secret.fromBase32(cleaned).bytes);
  } catch {
    return null;
  }
}
