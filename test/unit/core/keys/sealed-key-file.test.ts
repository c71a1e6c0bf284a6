import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeploymentKeyError } from '../../../../electron/core/keys/deployment-key-error.js';
import { encodeKey, loadDeploymentKey } from '../../../../electron/core/keys/deployment-key.js';
import { fileKeyProtector } from '../../../../electron/core/keys/file-key-protector.js';
import { createFakeKeyring, createXorKeyring } from '../../../support/fake-key-protector.js';
import { createSeededRandom } from '../../../support/seeded-random.js';
import { createTempDirs } from '../../../support/temp-dirs.js';

const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

const keyFileIn = (dir = dirs.make()) => path.join(dir, 'kiosk.db.key');
const load = (file: string, protector = fileKeyProtector, createIfMissing = true) =>
  loadDeploymentKey({ kind: 'file', path: file, createIfMissing }, {}, createSeededRandom(), protector);

describe('a deployment key file sealed by the OS keyring', () => {
  it('is written sealed when the kiosk creates it, and reads back to the same key through the same keyring', () => {
    const file = keyFileIn();
    const keyring = createFakeKeyring();
    const key = load(file, keyring);
    expect(key).toHaveLength(32);

    const text = readFileSync(file, 'utf8');
    const [header, body] = text.split('\n');
    expect(header).toMatch(/^sspr-kiosk sealed deployment key v1 backend=fake_keyring check=[0-9a-f]{32}$/);
    // Neither the key nor its usual encodings are in the file.
    for (const form of [encodeKey(key), key.toString('hex')]) expect(text).not.toContain(form);
    expect(Buffer.from(body!, 'base64').includes(key)).toBe(false);

    expect(load(file, keyring)).toEqual(key);
    expect(keyring.opened).toBe(1);
  });

  it('is refused in words by another keyring (another user or machine), by plain Node, or when damaged', () => {
    const file = keyFileIn();
    load(file, createFakeKeyring());
    expect(() => load(file, createFakeKeyring())).toThrow(DeploymentKeyError);
    expect(() => load(file, createFakeKeyring())).toThrow(
      `${file} is sealed by a keyring (fake_keyring) that this user on this machine cannot open (the keyring could not decrypt it)`,
    );
    // A keyring that opens it to wrong bytes without noticing is caught by the fingerprint.
    expect(() => load(file, createXorKeyring(0x5a))).toThrow(`${file} did not open to the key it was sealed with`);
    expect(() => load(file, fileKeyProtector)).toThrow(
      `${file} is sealed by the operating system's keyring (fake_keyring) of the kiosk app that made it, and only that app, run by the same user on the same machine, can open it; give this program the key another way (secrets.keyEnv)`,
    );

    const damaged = keyFileIn();
    writeFileSync(damaged, 'sspr-kiosk sealed deployment key v1 backend=x check=00\n!!!\n', { mode: 0o600 });
    expect(() => load(damaged, createFakeKeyring())).toThrow(`${damaged} starts like a sealed deployment key but the rest of it is damaged`);
  });

  it('reads a plain key file (provisioned by an admin) through any keyring, and leaves it plain', () => {
    const file = keyFileIn();
    const key = Buffer.alloc(32, 0x21);
    writeFileSync(file, `${encodeKey(key)}\n`, { mode: 0o600 });
    expect(load(file, createFakeKeyring())).toEqual(key);
    expect(load(file, fileKeyProtector)).toEqual(key);
    writeFileSync(file, key.toString('hex'), { mode: 0o600 });
    expect(load(file, createFakeKeyring())).toEqual(key);
    expect(readFileSync(file, 'utf8')).toBe(key.toString('hex'));
  });

  it('is written plain by the file protector (plain Node) and by a keyring that refuses (e.g. Linux basic_text)', () => {
    for (const protector of [fileKeyProtector, createFakeKeyring({ refusal: 'basic_text protects nothing' })]) {
      const file = keyFileIn();
      const key = load(file, protector);
      expect(readFileSync(file, 'utf8')).toBe(`${encodeKey(key)}\n`);
      expect(load(file, fileKeyProtector)).toEqual(key);
    }
  });

  it('keeps the 0600 rule for sealed files too', () => {
    const file = keyFileIn();
    const keyring = createFakeKeyring();
    load(file, keyring);
    chmodSync(file, 0o644);
    expect(() => load(file, keyring)).toThrow(/can be read by other users/);
  });
});
