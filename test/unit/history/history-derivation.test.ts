import { describe, expect, it } from 'vitest';
import { defaultArgon2Params } from '../../../electron/core/hashing/argon2-hasher.js';
import { derivationBytes, deriveWithArgon2, paramsOfTag, paramsTag, storedHashName } from '../../../electron/core/history/history-derivation.js';

const cheap = { memoryKiB: 1024, timeCost: 1, parallelism: 1 };
const salt = (fill: number) => Buffer.alloc(16, fill);

describe('history derivations', () => {
  it('are argon2id raw output: the same for the same password, salt and parameters, different when any differs', async () => {
    const once = await deriveWithArgon2('Kv1mQx1Tz7wPr', salt(1), cheap);
    expect(once).toHaveLength(derivationBytes);
    expect((await deriveWithArgon2('Kv1mQx1Tz7wPr', salt(1), cheap)).equals(once)).toBe(true);
    expect((await deriveWithArgon2('Kv1mQx1Tz7wPr', salt(2), cheap)).equals(once)).toBe(false);
    expect((await deriveWithArgon2('Kv1mQx1Tz7wPs', salt(1), cheap)).equals(once)).toBe(false);
    expect((await deriveWithArgon2('Kv1mQx1Tz7wPr', salt(1), { ...cheap, timeCost: 2 })).equals(once)).toBe(false);
  });

  it('carry their parameters in PHC notation, read back exactly; an unknown notation is an error, not "no match"', () => {
    expect(paramsTag(defaultArgon2Params)).toBe('argon2id$v=19$m=19456,t=2,p=1');
    expect(paramsOfTag(paramsTag(defaultArgon2Params))).toEqual(defaultArgon2Params);
    expect(paramsOfTag(paramsTag({ memoryKiB: 65536, timeCost: 3, parallelism: 4 }))).toEqual({ memoryKiB: 65536, timeCost: 3, parallelism: 4 });
    for (const tag of ['', 'argon2i$v=19$m=19456,t=2,p=1', 'argon2id$v=16$m=19456,t=2,p=1', 'argon2id$v=19$m=19456,t=2']) {
      expect(() => paramsOfTag(tag)).toThrow(/Unknown password history parameters/);
    }
  });

  it('name a stored hash by its SHA-256, never by a copy of it', () => {
    const phc = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA';
    expect(storedHashName(phc)).toMatch(/^[0-9a-f]{64}$/);
    expect(storedHashName(phc)).toBe(storedHashName(phc));
    expect(storedHashName(phc)).not.toContain('c29tZXNhbHQ');
    expect(storedHashName(`${phc}x`)).not.toBe(storedHashName(phc));
  });
});
