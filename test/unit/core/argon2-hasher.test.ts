import { describe, expect, it } from 'vitest';
import { createArgon2Hasher, defaultArgon2Params } from '../../../electron/core/hashing/argon2-hasher.js';
import { parseArgon2Phc } from '../../../electron/core/hashing/phc.js';

describe('argon2id password hashing', () => {
  const hasher = createArgon2Hasher();

  it('defaults to OWASP’s floor: m=19456 KiB, t=2, p=1', () => {
    expect(defaultArgon2Params).toEqual({ memoryKiB: 19456, timeCost: 2, parallelism: 1 });
  });

  it('produces a PHC string carrying its parameters and a unique salt', async () => {
    const first = await hasher.hash('Wq3nVb8zHt5kLp');
    const second = await hasher.hash('Wq3nVb8zHt5kLp');
    expect(parseArgon2Phc(first)).toEqual({ variant: 'argon2id', version: 19, memoryKiB: 19456, timeCost: 2, parallelism: 1 });
    expect(first).not.toBe(second);
    expect(first).not.toContain('Wq3nVb8zHt5kLp');
  });

  it('verifies the right password only, without truncating or changing case', async () => {
    const long = `${'Ab1'.repeat(40)}X`;
    const phc = await hasher.hash(long);
    expect(await hasher.verify(phc, long)).toBe(true);
    expect(await hasher.verify(phc, long.slice(0, -1))).toBe(false);
    expect(await hasher.verify(phc, long.toLowerCase())).toBe(false);
  });

  it('asks for a rehash when a stored hash used weaker parameters than the current ones', async () => {
    const stronger = createArgon2Hasher({ memoryKiB: 19456, timeCost: 3, parallelism: 1 });
    const old = await hasher.hash('Wq3nVb8zHt5kLp');
    expect(hasher.needsRehash(old)).toBe(false);
    expect(stronger.needsRehash(old)).toBe(true);
    expect(stronger.needsRehash(await stronger.hash('Wq3nVb8zHt5kLp'))).toBe(false);
    expect(createArgon2Hasher({ memoryKiB: 65536, timeCost: 2, parallelism: 1 }).needsRehash(old)).toBe(true);
  });

  it('asks for a rehash of anything that is not a current argon2id PHC string', () => {
    expect(hasher.needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(hasher.needsRehash('$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(hasher.needsRehash('$2b$12$abcdefghijklmnopqrstuv')).toBe(true);
    expect(hasher.needsRehash('')).toBe(true);
  });

  it('reads the parameters whatever their order in the PHC string', () => {
    expect(parseArgon2Phc('$argon2id$v=19$p=1,t=2,m=19456$c2FsdHNhbHQ$aGFzaGhhc2g')).toMatchObject({ memoryKiB: 19456, timeCost: 2, parallelism: 1 });
    expect(parseArgon2Phc('$argon2id$v=19$m=19456,t=2$c2FsdHNhbHQ$aGFzaGhhc2g')).toBeNull();
  });

  it('refuses to verify against a malformed stored hash rather than answering "no match"', async () => {
    await expect(hasher.verify('not-a-hash', 'anything')).rejects.toThrow();
  });
});
