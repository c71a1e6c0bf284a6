import { createHmac } from 'node:crypto';
import { usernameKeyOf } from '../store/username-key.js';

/**
 * A name as typed, made unreadable but still comparable: the same name (in any case) always gives the
 * same pseudonym under one deployment key, so the desk can ask "did anyone try jsmith?" (the admin
 * command computes the pseudonym) while a password typed into the username box is never stored.
 * 128 bits of HMAC-SHA256 leave collisions out of reach for any realistic number of names.
 */
export type NamePseudonym = (typed: string) => string;

export function createNamePseudonym(key: Buffer): NamePseudonym {
  return (typed) => `n-${createHmac('sha256', key).update(usernameKeyOf(typed)).digest('hex').slice(0, 32)}`;
}
