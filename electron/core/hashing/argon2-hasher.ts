import argon2 from 'argon2';
import type { PasswordHasher } from '../ports.js';
import { parseArgon2Phc } from './phc.js';

export interface Argon2Params {
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's argon2id floor: 19 MiB, 2 passes, 1 lane (~18 ms per hash on the kiosk hardware). */
export const defaultArgon2Params: Argon2Params = { memoryKiB: 19456, timeCost: 2, parallelism: 1 };

const currentVersion = 0x13;

export function createArgon2Hasher(params: Argon2Params = defaultArgon2Params): PasswordHasher {
  return {
    hash(password) {
      // argon2 draws a fresh 16-byte salt from the OS CSPRNG for every hash.
      return argon2.hash(password, {
        type: argon2.argon2id,
        memoryCost: params.memoryKiB,
        timeCost: params.timeCost,
        parallelism: params.parallelism,
      });
    },
    verify(phc, password) {
      // A malformed stored hash throws rather than answering "no match": for the reuse check, a silent
      // false would let a used password through.
      return argon2.verify(phc, password);
    },
    needsRehash(phc) {
      const stored = parseArgon2Phc(phc);
      if (stored === null) return true;
      return (
        stored.variant !== 'argon2id' ||
        stored.version !== currentVersion ||
        stored.memoryKiB < params.memoryKiB ||
        stored.timeCost < params.timeCost ||
        stored.parallelism !== params.parallelism
      );
    },
  };
}
