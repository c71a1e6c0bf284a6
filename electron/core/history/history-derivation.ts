import { createHash } from 'node:crypto';
import argon2 from 'argon2';
import type { Argon2Params } from '../hashing/argon2-hasher.js';

/** Bytes of argon2 output kept per password, as many as in the directory's own PHC hashes. */
export const derivationBytes = 32;
/** One random salt per account (not per password): what lets one derivation test a whole history. */
export const historySaltBytes = 16;

/**
 * argon2id(password, salt) with the given parameters, raw output. Injected into the history service
 * so tests and the benchmark can count the computations.
 */
export type DeriveFn = (password: string, salt: Buffer, params: Argon2Params) => Promise<Buffer>;

export const deriveWithArgon2: DeriveFn = (password, salt, params) =>
  argon2.hash(password, {
    raw: true,
    type: argon2.argon2id,
    version: 0x13,
    salt,
    hashLength: derivationBytes,
    memoryCost: params.memoryKiB,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
  });

/**
 * The parameters a derivation was made with, stored beside it in PHC notation: a later change of the
 * kiosk's argon2 settings derives the candidate once more with the old ones, so old entries stay comparable.
 */
export function paramsTag(params: Argon2Params): string {
  return `argon2id$v=19$m=${params.memoryKiB},t=${params.timeCost},p=${params.parallelism}`;
}

const tagShape = /^argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)$/;

/** Throws on a tag it does not know: for the reuse check, skipping an entry would let a used password through. */
export function paramsOfTag(tag: string): Argon2Params {
  const match = tagShape.exec(tag);
  if (match === null) throw new Error(`Unknown password history parameters: ${tag}`);
  return { memoryKiB: Number(match[1]), timeCost: Number(match[2]), parallelism: Number(match[3]) };
}

/**
 * Names one of the directory's stored hashes without copying it: an entry linked to this name stands
 * for that hash, which the reuse check then need not verify. (SHA-256 of a salted argon2 hash says
 * nothing the hash itself does not.)
 */
export function storedHashName(phc: string): string {
  return createHash('sha256').update(phc, 'utf8').digest('hex');
}
