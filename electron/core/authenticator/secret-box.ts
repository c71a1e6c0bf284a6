import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { RandomSource } from '../ports.js';

const nonceBytes = 12;
const tagBytes = 16;

/** What the store keeps of a secret: never the secret itself. */
export interface SealedSecret {
  /** base64 of the AES-256-GCM ciphertext followed by its 16-byte tag. */
  ciphertext: string;
  /** base64 of the 12-byte nonce, fresh for every secret. */
  nonce: string;
}

export interface SecretBox {
  seal(accountId: number, secret: Buffer): SealedSecret;
  /** The secret, or null when the row was altered, moved to another account, or sealed under another key. */
  open(accountId: number, sealed: SealedSecret): Buffer | null;
  /** A technician's app secret (technicians are not accounts), bound to their username key. */
  sealTechnician(usernameKey: string, secret: Buffer): SealedSecret;
  /** The technician's secret, or null when the row was altered, moved to another technician, or is an account's. */
  openTechnician(usernameKey: string, sealed: SealedSecret): Buffer | null;
}

/**
 * The account id is authenticated with the secret (GCM's additional data): a row copied onto another
 * account does not open, so one person's app cannot be made to prove another person's identity.
 */
export function additionalDataOf(accountId: number): Buffer {
  return Buffer.from(`sspr-kiosk authenticator v1 account:${accountId}`, 'utf8');
}

/**
 * A technician's binding: another word than an account's ("technician:" against "account:"), so no
 * account row opens as a technician's or the other way round, whatever the id and the name.
 */
export function technicianAdditionalDataOf(usernameKey: string): Buffer {
  return Buffer.from(`sspr-kiosk authenticator v1 technician:${usernameKey}`, 'utf8');
}

/** AES-256-GCM with the deployment's authenticator key (keys/derived-keys.ts) and a fresh nonce per secret. */
export function createSecretBox(key: Buffer, random: RandomSource): SecretBox {
  if (key.length !== 32) throw new Error('the authenticator secret key must be 32 bytes');
  function sealWith(additionalData: Buffer, secret: Buffer): SealedSecret {
    const nonce = random.bytes(nonceBytes);
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
    cipher.setAAD(additionalData);
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
    return { ciphertext: ciphertext.toString('base64'), nonce: nonce.toString('base64') };
  }
  function openWith(additionalData: Buffer, sealed: SealedSecret): Buffer | null {
    const nonce = Buffer.from(sealed.nonce, 'base64');
    const data = Buffer.from(sealed.ciphertext, 'base64');
    if (nonce.length !== nonceBytes || data.length < tagBytes) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
      decipher.setAAD(additionalData);
      decipher.setAuthTag(data.subarray(data.length - tagBytes));
      return Buffer.concat([decipher.update(data.subarray(0, data.length - tagBytes)), decipher.final()]);
    } catch {
      return null;
    }
  }
  return {
    seal: (accountId, secret) => sealWith(additionalDataOf(accountId), secret),
    open: (accountId, sealed) => openWith(additionalDataOf(accountId), sealed),
    sealTechnician: (usernameKey, secret) => sealWith(technicianAdditionalDataOf(usernameKey), secret),
    openTechnician: (usernameKey, sealed) => openWith(technicianAdditionalDataOf(usernameKey), sealed),
  };
}
