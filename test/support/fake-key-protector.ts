import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyProtector } from '../../electron/core/ports.js';

/**
 * A stand-in for an OS keyring that really transforms the bytes: AES-256-GCM under a test key of its
 * own, so a file sealed by one fake does not open with another (as another user's keyring would not).
 */
export function createFakeKeyring(options: { backend?: string; refusal?: string | null; key?: Buffer } = {}): KeyProtector & { opened: number } {
  const key = options.key ?? randomBytes(32);
  const protector = {
    backend: options.backend ?? 'fake_keyring',
    refusal: options.refusal ?? null,
    seals: true,
    opened: 0,
    seal(plain: Buffer): Buffer {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    },
    open(sealed: Buffer): Buffer {
      protector.opened += 1;
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      try {
        return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
      } catch {
        throw new Error('the keyring could not decrypt it');
      }
    },
  };
  return protector;
}

/** A keyring that "opens" anything to wrong bytes without noticing (XOR with its own pad), as a misbehaving backend might. */
export function createXorKeyring(pad: number): KeyProtector {
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ pad));
  return { backend: 'xor_keyring', refusal: null, seals: true, seal: xor, open: xor };
}
