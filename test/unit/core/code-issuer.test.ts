import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCodeIssuer, type CodeSettings, type IssueRequest } from '../../../electron/core/codes/code-issuer.js';
import { createNamePseudonym } from '../../../electron/core/keys/name-pseudonym.js';
import type { Store } from '../../../electron/core/store/store.js';
import { describeEachBackend } from '../../support/backends.js';
import { rowsOf } from '../../support/database-dump.js';
import { insertTestAccount, openTestStore } from '../../support/core-store.js';
import { createSeededRandom } from '../../support/seeded-random.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock, type TestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
const settings: CodeSettings = { length: 8, ttlMinutes: 10, maxTriesPerCode: 5 };
const pseudonym = createNamePseudonym(Buffer.alloc(32, 9));
let store: Store;
let clock: TestClock;
let random: ReturnType<typeof createSeededRandom>;
let accountId: number;

function issuer(overrides: Partial<CodeSettings> = {}, key = Buffer.alloc(32, 7)) {
  return createCodeIssuer({ random, clock, hmacKey: key, settings: { ...settings, ...overrides } });
}
type Issuer = ReturnType<typeof issuer>;


/** A request as the code proof makes it: keyed by the pseudonym of the name as typed, never the text. */
const forName = (typed: string): IssueRequest => ({ usernameKey: pseudonym(typed), purpose: 'reset', method: 'email' });
const forAmira = () => forName('amira.khan');
const reset = { purpose: 'reset' as const };

const issue = (codes: Issuer, request: IssueRequest = forAmira()) => store.run((tx) => codes.issue(tx, request));
const bind = (codes: Issuer, challengeId: string, id = accountId) => store.run((tx) => codes.bind(tx, challengeId, id));
const check = (codes: Issuer, challengeId: string, code: string, expected = reset) => store.run((tx) => codes.check(tx, challengeId, code, expected));

/** Issued and bound to Amira's account, as the background delivery does once it finds her. */
async function issueBound(codes: Issuer, request: IssueRequest = forAmira()) {
  const issued = await issue(codes, request);
  await bind(codes, issued.challengeId);
  return issued;
}

describeEachBackend('one-time codes', (backend) => {
  beforeEach(async () => {
    store = await openTestStore(dirs.make(), backend);
    clock = createTestClock();
    random = createSeededRandom();
    accountId = await insertTestAccount(store, 'amira.khan');
  });
  afterEach(async () => {
    await store.close();
    dirs.removeAll();
  });

  it('have the configured number of digits (8 by default here) and keep leading zeros', async () => {
    const codes = issuer();
    random.nextInts(42);
    expect((await issue(codes)).code).toBe('00000042');
    random.nextInts(0);
    expect((await issue(codes)).code).toBe('00000000');
    const six = issuer({ length: 6 });
    random.nextInts(7);
    expect((await issue(six)).code).toBe('000007');
  });

  it('draw from the whole code space through the injected random source', async () => {
    const seen: number[] = [];
    const codes = createCodeIssuer({
      random: { int: (min, max) => (seen.push(min, max), 12345678), bytes: (n) => Buffer.alloc(n, seen.length) },
      clock,
      hmacKey: Buffer.alloc(32, 1),
      settings,
    });
    expect((await issue(codes)).code).toBe('12345678');
    expect(seen).toEqual([0, 100_000_000]);
  });

  it('are stored only as a keyed hash, never in clear, under the pseudonym of the name and no account', async () => {
    random.nextInts(31415926);
    const issued = await issue(issuer(), forName('Amira.Khan'));
    const rows = await rowsOf<{ code_hash: string; username_key: string; account_id: number | null }>(store, 'challenges');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.username_key).toBe(pseudonym('amira.khan'));
    // Issuing costs the same for every name: whether an account exists is only looked at later.
    expect(rows[0]!.account_id).toBeNull();
    expect(JSON.stringify(rows)).not.toContain(issued.code);
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('amira');
  });

  it('are accepted once, once bound to an account, and name that account', async () => {
    const codes = issuer();
    const issued = await issueBound(codes);
    expect(await check(codes, issued.challengeId, issued.code)).toEqual({ outcome: 'accepted', accountId });
    expect(await check(codes, issued.challengeId, issued.code)).toEqual({ outcome: 'used' });
  });

  it('are refused when never bound, even when the digits match (nobody was sent it: that can only be a guess)', async () => {
    const codes = issuer();
    const issued = await issue(codes, forName('nobody'));
    expect(await check(codes, issued.challengeId, issued.code)).toEqual({ outcome: 'wrong', triesLeft: 4 });
    expect((await rowsOf<{ failed_tries: number; consumed_at: string | null }>(store, 'challenges'))[0]).toMatchObject({ failed_tries: 1, consumed_at: null });
  });

  it('stay bound to the first account: a second bind cannot move a code to another account', async () => {
    const codes = issuer();
    const other = await insertTestAccount(store, 'ben.okafor');
    const issued = await issueBound(codes);
    await bind(codes, issued.challengeId, other);
    expect(await check(codes, issued.challengeId, issued.code)).toEqual({ outcome: 'accepted', accountId });
  });

  it('are refused for another purpose', async () => {
    const codes = issuer();
    const issued = await issueBound(codes);
    const otherPurpose = { purpose: 'unlock' } as unknown as typeof reset;
    expect(await check(codes, issued.challengeId, issued.code, otherPurpose)).toEqual({ outcome: 'wrong', triesLeft: 4 });
  });

  it('can be accepted by only one of two checks racing for the same code', async () => {
    const codes = issuer();
    const issued = await issueBound(codes);
    const results = await Promise.all([check(codes, issued.challengeId, issued.code), check(codes, issued.challengeId, issued.code)]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['accepted', 'used']);
  });

  it('are valid until just before ttlMinutes and expired exactly at it', async () => {
    const codes = issuer();
    const first = await issueBound(codes);
    clock.advance({ minutes: 10, ms: -1 });
    expect((await check(codes, first.challengeId, first.code)).outcome).toBe('accepted');

    const second = await issueBound(codes);
    clock.advance({ minutes: 10 });
    expect(await check(codes, second.challengeId, second.code)).toEqual({ outcome: 'expired' });
  });

  it('allow at most maxTriesPerCode wrong tries; after that even the right code is refused', async () => {
    const codes = issuer();
    random.nextInts(11111111);
    const issued = await issueBound(codes);
    const results = [];
    for (let attempt = 0; attempt < 5; attempt += 1) results.push(await check(codes, issued.challengeId, '99999999'));
    expect(results).toEqual([
      { outcome: 'wrong', triesLeft: 4 },
      { outcome: 'wrong', triesLeft: 3 },
      { outcome: 'wrong', triesLeft: 2 },
      { outcome: 'wrong', triesLeft: 1 },
      { outcome: 'wrong', triesLeft: 0 },
    ]);
    expect(await check(codes, issued.challengeId, '11111111')).toEqual({ outcome: 'exhausted' });
    expect((await rowsOf<{ failed_tries: number }>(store, 'challenges'))[0]!.failed_tries).toBe(5);
  });

  it('compare the whole code: a prefix, a longer string or another length is wrong', async () => {
    const codes = issuer();
    random.nextInts(1234567);
    const issued = await issueBound(codes);
    for (const attempt of ['1234567', '0123', '012345670', '0001234567']) {
      expect((await check(codes, issued.challengeId, attempt)).outcome).toBe('wrong');
    }
    expect((await check(codes, issued.challengeId, '01234567')).outcome).toBe('accepted');
  });

  it('are replaced by a new code for the same name, in any case: the old one stops working', async () => {
    const codes = issuer();
    const old = await issueBound(codes, forName('amira.khan'));
    const fresh = await issueBound(codes, forName('AMIRA.KHAN'));
    expect(await check(codes, old.challengeId, old.code)).toEqual({ outcome: 'used' });
    expect((await check(codes, fresh.challengeId, fresh.code)).outcome).toBe('accepted');
  });

  it('leave open codes for another name alone', async () => {
    const codes = issuer();
    const amira = await issueBound(codes, forName('amira.khan'));
    await issue(codes, forName('ben.okafor'));
    expect((await check(codes, amira.challengeId, amira.code)).outcome).toBe('accepted');
  });

  it('do not match under another HMAC key (a kiosk with another deployment key cannot accept them)', async () => {
    const issued = await issueBound(issuer({}, Buffer.alloc(32, 1)));
    expect((await check(issuer({}, Buffer.alloc(32, 2)), issued.challengeId, issued.code)).outcome).toBe('wrong');
  });

  it('refuse a key shorter than 32 bytes', () => {
    expect(() => issuer({}, Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('report an unknown challenge as expired', async () => {
    expect(await check(issuer(), 'no-such-challenge', '12345678')).toEqual({ outcome: 'expired' });
  });

  it('say how many seconds are left, rounding up, and 0 once expired', async () => {
    const codes = issuer();
    const issued = await issue(codes);
    expect(codes.secondsLeft(issued.expiresAt)).toBe(600);
    clock.advance({ minutes: 9, seconds: 59, ms: 1 });
    expect(codes.secondsLeft(issued.expiresAt)).toBe(1);
    clock.advance({ minutes: 1 });
    expect(codes.secondsLeft(issued.expiresAt)).toBe(0);
  });
});
