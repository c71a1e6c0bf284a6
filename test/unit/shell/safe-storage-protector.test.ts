import { describe, expect, it } from 'vitest';
import { createSafeStorageProtector, type SafeStorageLike } from '../../../electron/safe-storage-protector.js';

/** Electron's safeStorage as the shell sees it, with an encryption that really changes the bytes. */
function fakeSafeStorage(available: boolean, backend: string): SafeStorageLike & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => {
      calls.push('getSelectedStorageBackend');
      return backend;
    },
    encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x33)),
    decryptString: (data) => Buffer.from(data.map((byte) => byte ^ 0x33)).toString('utf8'),
  };
}

describe('the safeStorage key protector (Electron shell)', () => {
  it('seals through the OS keyring and opens what it sealed', () => {
    const protector = createSafeStorageProtector(fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    expect(protector).toMatchObject({ backend: 'gnome_libsecret', refusal: null, seals: true });
    const key = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
    const sealed = protector.seal(key);
    expect(sealed.includes(key)).toBe(false);
    expect(sealed.toString('utf8')).not.toContain(key.toString('base64'));
    expect(protector.open(sealed)).toEqual(key);
  });

  it('refuses, in words, Linux\'s basic_text backend and a machine without encryption', () => {
    const basic = createSafeStorageProtector(fakeSafeStorage(true, 'basic_text'), 'linux');
    expect(basic.backend).toBe('basic_text');
    expect(basic.refusal).toMatch(/no keyring \(GNOME Keyring or KWallet\).*basic_text, a fixed password that protects nothing/);
    const none = createSafeStorageProtector(fakeSafeStorage(false, 'unknown'), 'linux');
    expect(none.refusal).toBe('this computer offers no keyring to protect secrets (Electron safeStorage is unavailable)');
    expect(none.seals).toBe(false);
    expect(createSafeStorageProtector(fakeSafeStorage(false, 'unknown'), 'win32').refusal).toMatch(/safeStorage is unavailable/);
  });

  it('names the platform keyring and asks for the backend only on Linux (where Electron has it)', () => {
    const windows = fakeSafeStorage(true, 'basic_text');
    expect(createSafeStorageProtector(windows, 'win32')).toMatchObject({ backend: 'dpapi', refusal: null, seals: true });
    const mac = fakeSafeStorage(true, 'basic_text');
    expect(createSafeStorageProtector(mac, 'darwin')).toMatchObject({ backend: 'keychain', refusal: null });
    expect([...windows.calls, ...mac.calls]).toEqual([]);
  });
});
