import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCodeIssuer, type CodeSettings } from '../../../electron/core/codes/code-issuer.js';
import { createChallengeStore } from '../../../electron/core/store/challenges.js';
import type { Db } from '../../../electron/core/store/database.js';
import { rowsOf } from '../../support/database-dump.js';
import { insertTestAccount, openTestDatabase } from '../../support/core-store.js';
import { createSeededRandom } from '../../support/seeded-random.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock, type TestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
const settings: CodeSettings = { length: 6, ttlMinutes: 10, maxTriesPerCode: 5 };
let db: Db;
let clock: TestClock;
let random: ReturnType<typeof createSeededRandom>;
let accountId: number;

function issuer(overrides: Partial<CodeSettings> = {}, key = Buffer.alloc(32, 7)) {
  return createCodeIssuer({ challenges: createChallengeStore(db), random, clock, hmacKey: key, settings: { ...settings, ...overrides } });
}

beforeEach(() => {
  db = openTestDatabase(dirs.make());
  clock = createTestClock();
  random = createSeededRandom();
  accountId = insertTestAccount(db, 'amira.khan');
});
afterEach(() => {
  db.close();
  dirs.removeAll();
});

const forAmira = () => ({ accountId, purpose: 'reset' as const });

describe('one-time codes', () => {
  it('have the configured number of digits and keep leading zeros', () => {
    const codes = issuer();
    random.nextInts(42);
    expect(codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' }).code).toBe('000042');
    random.nextInts(0);
    expect(codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' }).code).toBe('000000');
    const eight = issuer({ length: 8 });
    random.nextInts(7);
    expect(eight.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' }).code).toBe('00000007');
  });

  it('draw from the whole code space through the injected random source', () => {
    const seen: number[] = [];
    const codes = createCodeIssuer({
      challenges: createChallengeStore(db),
      random: { int: (min, max) => (seen.push(min, max), 123456), bytes: (n) => Buffer.alloc(n, seen.length) },
      clock,
      hmacKey: Buffer.alloc(32, 1),
      settings,
    });
    expect(codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' }).code).toBe('123456');
    expect(seen).toEqual([0, 1_000_000]);
  });

  it('are stored only as a keyed hash, never in clear', () => {
    random.nextInts(314159);
    const issued = issuer().issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' });
    const rows = rowsOf<{ code_hash: string }>(db, 'challenges');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(issued.code);
  });

  it('are accepted once, for the account and purpose they were issued for', () => {
    const codes = issuer();
    const issued = codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' });
    expect(codes.check(issued.challengeId, issued.code, forAmira())).toEqual({ outcome: 'accepted', accountId });
    expect(codes.check(issued.challengeId, issued.code, forAmira())).toEqual({ outcome: 'used' });
  });

  it('are refused for another account', () => {
    const codes = issuer();
    const other = insertTestAccount(db, 'ben.okafor');
    const issued = codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' });
    expect(codes.check(issued.challengeId, issued.code, { accountId: other, purpose: 'reset' })).toEqual({ outcome: 'wrong', triesLeft: 4 });
  });

  it('are refused when issued without an account, even when the digits match (that can only be a guess)', () => {
    const codes = issuer();
    const issued = codes.issue({ accountId: null, usernameKey: 'nobody', purpose: 'reset', method: 'email' });
    expect(codes.check(issued.challengeId, issued.code, { accountId: null, purpose: 'reset' })).toEqual({ outcome: 'wrong', triesLeft: 4 });
  });

  it('are valid until just before ttlMinutes and expired exactly at it', () => {
    const codes = issuer();
    const first = codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' });
    clock.advance({ minutes: 10, ms: -1 });
    expect(codes.check(first.challengeId, first.code, forAmira()).outcome).toBe('accepted');

    const second = codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' });
    clock.advance({ minutes: 10 });
    expect(codes.check(second.challengeId, second.code, forAmira())).toEqual({ outcome: 'expired' });
  });

  it('allow at most maxTriesPerCode wrong tries; after that even the right code is refused', () => {
    const codes = issuer();
    random.nextInts(111111);
    const issued = codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' });
    const results = [1, 2, 3, 4, 5].map(() => codes.check(issued.challengeId, '999999', forAmira()));
    expect(results).toEqual([
      { outcome: 'wrong', triesLeft: 4 },
      { outcome: 'wrong', triesLeft: 3 },
      { outcome: 'wrong', triesLeft: 2 },
      { outcome: 'wrong', triesLeft: 1 },
      { outcome: 'wrong', triesLeft: 0 },
    ]);
    expect(codes.check(issued.challengeId, '111111', forAmira())).toEqual({ outcome: 'exhausted' });
    expect(rowsOf<{ failed_tries: number }>(db, 'challenges')[0]!.failed_tries).toBe(5);
  });

  it('compare the whole code: a prefix, a longer string or another length is wrong', () => {
    const codes = issuer();
    random.nextInts(12345);
    const issued = codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' });
    for (const attempt of ['12345', '0123', '0123450', '00012345']) {
      expect(codes.check(issued.challengeId, attempt, forAmira()).outcome).toBe('wrong');
    }
    expect(codes.check(issued.challengeId, '012345', forAmira()).outcome).toBe('accepted');
  });

  it('are replaced by a new code for the same person: the old one stops working', () => {
    const codes = issuer();
    const old = codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' });
    const fresh = codes.issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' });
    expect(codes.check(old.challengeId, old.code, forAmira())).toEqual({ outcome: 'used' });
    expect(codes.check(fresh.challengeId, fresh.code, forAmira()).outcome).toBe('accepted');
  });

  it('do not match under another HMAC key (a restarted kiosk cannot accept old codes)', () => {
    const issued = issuer({}, Buffer.alloc(32, 1)).issue({ accountId, usernameKey: 'amira.khan', purpose: 'reset', method: 'email' });
    expect(issuer({}, Buffer.alloc(32, 2)).check(issued.challengeId, issued.code, forAmira()).outcome).toBe('wrong');
  });

  it('refuse a key shorter than 32 bytes', () => {
    expect(() => issuer({}, Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('report an unknown challenge as expired', () => {
    expect(issuer().check('no-such-challenge', '123456', forAmira())).toEqual({ outcome: 'expired' });
  });
});
