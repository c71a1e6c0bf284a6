import { createHmac } from 'node:crypto';
import type { KeyProtector } from '../ports.js';
import { DeploymentKeyError } from './deployment-key-error.js';

/**
 * A key file sealed by the OS keyring (Electron's safeStorage): a header line an admin recognises,
 * then the sealed bytes in base64. The header carries a keyed fingerprint of the key, so a file
 * opened by the wrong keyring (another user, another machine) is refused in words instead of
 * yielding 32 wrong bytes. A file without the header is a plain key (e.g. provisioned by an admin).
 */
const headerPrefix = 'sspr-kiosk sealed deployment key v1';
const sealedPattern = /^sspr-kiosk sealed deployment key v1 backend=(\S+) check=([0-9a-f]{32})\r?\n([A-Za-z0-9+/]+={0,2})\s*$/;

export function isSealedKeyText(text: string): boolean {
  return text.startsWith(headerPrefix);
}

export function sealedKeyText(key: Buffer, protector: KeyProtector): string {
  return `${headerPrefix} backend=${protector.backend} check=${fingerprintOf(key)}\n${protector.seal(key).toString('base64')}\n`;
}

/** The key inside a sealed file, or a DeploymentKeyError that says why it cannot be had here. */
export function openSealedKeyText(text: string, where: string, protector: KeyProtector): Buffer {
  const parts = sealedPattern.exec(text);
  if (parts === null) throw new DeploymentKeyError(`${where} starts like a sealed deployment key but the rest of it is damaged`);
  const [, backend, check, sealed] = parts as unknown as [string, string, string, string];
  if (!protector.seals) {
    throw new DeploymentKeyError(
      `${where} is sealed by the operating system's keyring (${backend}) of the kiosk app that made it, and only that app, run by the same user on the same machine, can open it; give this program the key another way (secrets.keyEnv)`,
    );
  }
  let key: Buffer;
  try {
    key = protector.open(Buffer.from(sealed, 'base64'));
  } catch (error) {
    throw new DeploymentKeyError(`${where} is sealed by a keyring (${backend}) that this user on this machine cannot open (${(error as Error).message})`);
  }
  if (fingerprintOf(key) !== check) {
    throw new DeploymentKeyError(`${where} did not open to the key it was sealed with: it was sealed by another user's or another machine's keyring (${backend})`);
  }
  return key;
}

/** 128 bits of HMAC-SHA256 keyed by the key itself: tells a right opening from a wrong one, reveals nothing. */
function fingerprintOf(key: Buffer): string {
  return createHmac('sha256', key).update('sspr-kiosk sealed key check').digest('hex').slice(0, 32);
}
