import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../../electron/core/authenticator/secret-box.js';
import { deriveKeys } from '../../../../electron/core/keys/derived-keys.js';
import { createSeededRandom } from '../../../support/seeded-random.js';

const random = createSeededRandom();
const key = deriveKeys(random.bytes(32)).authenticatorSecrets;
const secret = Buffer.from('0123456789abcdefghij', 'ascii');

describe('the authenticator secret box (AES-256-GCM, bound to the account)', () => {
  it('opens what it sealed, for the same account, and keeps nothing of the secret readable', () => {
    const box = createSecretBox(key, random);
    const sealed = box.seal(12, secret);
    expect(box.open(12, sealed)).toEqual(secret);
    expect(Buffer.from(sealed.nonce, 'base64')).toHaveLength(12);
    // Ciphertext as long as the secret, then the 16-byte tag.
    expect(Buffer.from(sealed.ciphertext, 'base64')).toHaveLength(secret.length + 16);
    expect(Buffer.from(sealed.ciphertext, 'base64').includes(secret)).toBe(false);
  });

  it('does not open for another account: a row moved to someone else is refused', () => {
    const box = createSecretBox(key, random);
    const sealed = box.seal(12, secret);
    expect(box.open(13, sealed)).toBeNull();
    expect(box.open(0, sealed)).toBeNull();
  });

  it('does not open a tampered ciphertext, tag or nonce', () => {
    const box = createSecretBox(key, random);
    const sealed = box.seal(12, secret);
    const flip = (base64: string, index: number) => {
      const bytes = Buffer.from(base64, 'base64');
      bytes[index] = bytes[index]! ^ 0x01;
      return bytes.toString('base64');
    };
    expect(box.open(12, { ...sealed, ciphertext: flip(sealed.ciphertext, 0) })).toBeNull();
    expect(box.open(12, { ...sealed, ciphertext: flip(sealed.ciphertext, secret.length + 15) })).toBeNull();
    expect(box.open(12, { ...sealed, nonce: flip(sealed.nonce, 3) })).toBeNull();
    expect(box.open(12, { ...sealed, ciphertext: Buffer.from(sealed.ciphertext, 'base64').subarray(0, 10).toString('base64') })).toBeNull();
    expect(box.open(12, { ...sealed, nonce: '' })).toBeNull();
  });

  it('does not open under another deployment key', () => {
    const sealed = createSecretBox(key, random).seal(12, secret);
    expect(createSecretBox(deriveKeys(Buffer.alloc(32, 9)).authenticatorSecrets, random).open(12, sealed)).toBeNull();
  });

  it('takes a fresh nonce for every secret, so the same secret never seals the same way twice', () => {
    const box = createSecretBox(key, random);
    const sealings = Array.from({ length: 50 }, () => box.seal(12, secret));
    expect(new Set(sealings.map((sealed) => sealed.nonce)).size).toBe(50);
    expect(new Set(sealings.map((sealed) => sealed.ciphertext)).size).toBe(50);
    for (const sealed of sealings) expect(box.open(12, sealed)).toEqual(secret);
  });

  it('draws its nonces from the injected random source', () => {
    const seeded = createSeededRandom(99);
    const expected = createSeededRandom(99).bytes(12).toString('base64');
    expect(createSecretBox(key, seeded).seal(1, secret).nonce).toBe(expected);
  });

  it('binds a technician\'s secret to the technician, never confusable with an account\'s', () => {
    const box = createSecretBox(key, random);
    const sealed = box.sealTechnician('desk.one', secret);
    expect(box.openTechnician('desk.one', sealed)).toEqual(secret);
    expect(box.openTechnician('desk.two', sealed)).toBeNull();
    // A technician row does not open as an account's, nor an account's as a technician's, whatever the numbers.
    expect(box.open(1, box.sealTechnician('1', secret))).toBeNull();
    expect(box.openTechnician('1', box.seal(1, secret))).toBeNull();
    expect(box.openTechnician('account:1', box.seal(1, secret))).toBeNull();
  });

  it('seals an account\'s secret exactly as before technicians existed', () => {
    const seeded = createSecretBox(key, createSeededRandom(5)).seal(12, secret);
    const nonce = createSeededRandom(5).bytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    cipher.setAAD(Buffer.from('sspr-kiosk authenticator v1 account:12', 'utf8'));
    const expected = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]).toString('base64');
    expect(seeded).toEqual({ ciphertext: expected, nonce: nonce.toString('base64') });
  });
});
