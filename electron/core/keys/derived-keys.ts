import { createHmac, hkdfSync } from 'node:crypto';

/**
 * One key per purpose, derived from the deployment key with HKDF-SHA256, so no two uses share a key
 * and a later purpose (e.g. encrypting authenticator secrets) needs no new secret on every kiosk.
 */
export interface DerivedKeys {
  /** Binds a one-time code's hash to its challenge. */
  codeHmac: Buffer;
  /** Turns a typed username into the pseudonym kept in throttles, challenges and the audit. */
  namePseudonym: Buffer;
  /** Seals each audit record to the one before it. */
  auditChain: Buffer;
  /** Encrypts authenticator-app (TOTP) secrets at rest (AES-256-GCM, see authenticator/secret-box.ts). */
  authenticatorSecrets: Buffer;
}

const purposes: Record<keyof DerivedKeys, string> = {
  codeHmac: 'sspr-kiosk/code-hmac/v1',
  namePseudonym: 'sspr-kiosk/name-pseudonym/v1',
  auditChain: 'sspr-kiosk/audit-chain/v1',
  authenticatorSecrets: 'sspr-kiosk/authenticator-secrets/v1',
};

export function deriveKeys(deploymentKey: Buffer): DerivedKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', deploymentKey, Buffer.alloc(0), info, 32));
  return {
    codeHmac: derive(purposes.codeHmac),
    namePseudonym: derive(purposes.namePseudonym),
    auditChain: derive(purposes.auditChain),
    authenticatorSecrets: derive(purposes.authenticatorSecrets),
  };
}

/**
 * A fingerprint of each derived key that reveals nothing about it, stored in the database the first
 * time a kiosk starts: a kiosk configured with another deployment's key is then refused at start-up
 * instead of silently splitting throttles and audit chains.
 */
export function keyCheckValues(keys: DerivedKeys): Map<string, string> {
  return new Map(
    (Object.keys(purposes) as (keyof DerivedKeys)[]).map((name) => [
      purposes[name],
      createHmac('sha256', keys[name]).update('sspr-kiosk key check').digest('hex').slice(0, 32),
    ]),
  );
}
