import type { KeyProtector } from './core/ports.js';

/** The part of Electron's `safeStorage` the protector uses (a fake in tests: Electron cannot run there). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only. */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The deployment key file sealed by the OS keyring: DPAPI on Windows, the Keychain on macOS, libsecret
 * or KWallet on Linux. Linux's `basic_text` fallback encrypts with a password written in Chromium's
 * source, which protects nothing: then (or when encryption is unavailable at all) the refusal says so
 * and authenticator apps are not offered. Call after app `ready` (safeStorage answers only then on Linux).
 */
export function createSafeStorageProtector(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeyProtector {
  const available = safeStorage.isEncryptionAvailable();
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : platform;
  const refusal = !available
    ? 'this computer offers no keyring to protect secrets (Electron safeStorage is unavailable)'
    : platform === 'linux' && backend === 'basic_text'
      ? 'this computer has no keyring (GNOME Keyring or KWallet) for Electron safeStorage, which would fall back to basic_text, a fixed password that protects nothing'
      : null;
  return {
    backend,
    refusal,
    seals: available,
    seal: (plain) => safeStorage.encryptString(plain.toString('base64')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
