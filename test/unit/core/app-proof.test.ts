import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditTrail } from '../../../electron/core/audit/audit-trail.js';
import type { AppCodeVerdict, Authenticators } from '../../../electron/core/authenticator/authenticator-types.js';
import { createNamePseudonym } from '../../../electron/core/keys/name-pseudonym.js';
import { createAppProof, type AppProof } from '../../../electron/core/proofs/app-proof.js';
import { createProofThrottle, type ProofThrottle } from '../../../electron/core/proofs/proof-throttle.js';
import type { Store, Tx } from '../../../electron/core/store/store.js';
import { createThrottle } from '../../../electron/core/throttle/throttle.js';
import { configSchema } from '../../../shared/config/config-schema.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import { insertTestAccount, openTestStore } from '../../support/core-store.js';
import { rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';

/**
 * The app proof over a real store, throttle and audit trail, with a stand-in for the authenticators
 * (their TOTP and encryption are tested on their own, and against this proof in the integration
 * tests): it accepts one code per account, once, and records every call.
 */
function fakeAuthenticators(codes: Map<number, string>, refusal: string | null = null) {
  const calls: { accountId: number | null; code: string }[] = [];
  const used = new Set<string>();
  const authenticators: Authenticators = {
    refusal,
    enrol: () => {
      throw new Error('not used here');
    },
    checkNew: () => null,
    save: () => Promise.reject(new Error('not used here')),
    remove: () => Promise.resolve(false),
    find: () => Promise.resolve(null),
    async verify(_tx: Tx, accountId: number | null, code: string): Promise<AppCodeVerdict> {
      calls.push({ accountId, code });
      const right = accountId !== null && codes.get(accountId) === code && !used.has(`${accountId}:${code}`);
      if (!right) return { accepted: false };
      used.add(`${accountId}:${code}`);
      return { accepted: true, authenticator: { id: 1, addedAt: '2026-02-01T09:00:00.000Z' } };
    },
  };
  return { authenticators, calls };
}

const dirs = createTempDirs();
const pseudonym = createNamePseudonym(Buffer.alloc(32, 7));
const event = 'reset.code_checked';
let store: Store;
let proofThrottle: ProofThrottle;
let app: AppProof;
let calls: { accountId: number | null; code: string }[];
let amira: number;
let gail: number;

beforeEach(async () => {
  store = await openTestStore(dirs.make());
  const clock = createTestClock();
  const throttle = createThrottle({ clock, rules: configSchema.shape.throttle.parse(undefined) });
  const audit = createAuditTrail({ kioskId: 'kiosk-1', clock, chainKey: Buffer.alloc(32, 3), pseudonym });
  amira = await insertTestAccount(store, 'amira.khan');
  gail = await insertTestAccount(store, 'gail.disabled', { status: 'disabled' });
  const fake = fakeAuthenticators(new Map([[amira, '123456'], [gail, '654321']]));
  calls = fake.calls;
  proofThrottle = createProofThrottle({ throttle, audit, pseudonym, kioskId: 'kiosk-1' });
  app = createAppProof({ store, authenticators: fake.authenticators, throttle, proofThrottle, audit, pseudonym });
});
afterEach(async () => {
  await store.close();
  dirs.removeAll();
});

const audited = async () => (await rowsOf<{ event: string; outcome: string; detail: string | null }>(store, 'audit_log')).map((row) => [row.event, row.outcome, row.detail]);

describe('proof by an authenticator app', () => {
  it('accepts the right code once, with the account and when the app was set up; a replay is a wrong code', async () => {
    expect(await app.verify({ typedName: 'Amira.Khan', code: '123456', event })).toEqual({ accepted: true, accountId: amira, addedAt: '2026-02-01T09:00:00.000Z' });
    expect(await app.verify({ typedName: 'amira.khan', code: '123456', event })).toEqual({ accepted: false, result: fail('CODE_WRONG', { triesLeft: 4 }) });
  });

  it('checks unknown names and disabled accounts against no account, and answers them as a registered name', async () => {
    const answers = [];
    for (const typedName of ['amira.khan', 'no.such.person', 'gail.disabled']) answers.push(await app.verify({ typedName, code: '654321', event }));
    expect(calls).toEqual([
      { accountId: amira, code: '654321' },
      { accountId: null, code: '654321' },
      { accountId: null, code: '654321' },
    ]);
    expect(answers).toEqual([0, 1, 2].map(() => ({ accepted: false, result: fail('CODE_WRONG', { triesLeft: 4 }) })));
  });

  it('counts wrong app codes in the same failed-proof limit as wrong sent codes, and refuses a blocked name before any check', async () => {
    // Three wrong emailed codes, counted the way the code proof counts them.
    for (const triesLeft of [4, 3, 2]) {
      expect(await store.run((tx) => proofThrottle.countFailure(tx, { typedName: 'amira.khan', event, codeTriesLeft: 5 }))).toEqual(fail('CODE_WRONG', { triesLeft }));
    }
    expect(await app.verify({ typedName: 'amira.khan', code: '000000', event })).toEqual({ accepted: false, result: fail('CODE_WRONG', { triesLeft: 1 }) });
    const blocked = { retryAfterSeconds: 86_400, until: '2026-03-03T09:00:00.000Z' };
    expect(await app.verify({ typedName: 'amira.khan', code: '000001', event })).toEqual({ accepted: false, result: fail('TOO_MANY_ATTEMPTS', blocked) });
    const checked = calls.length;
    // Even the right code is not looked at now.
    expect(await app.verify({ typedName: 'amira.khan', code: '123456', event })).toEqual({ accepted: false, result: fail('TOO_MANY_ATTEMPTS', blocked) });
    expect(calls).toHaveLength(checked);
    expect(await app.start({ typedName: 'amira.khan', event: 'reset.code_requested' })).toEqual(fail('TOO_MANY_ATTEMPTS', blocked));
    const scopes = (await rowsOf<{ scope: string }>(store, 'throttle_events')).map((row) => row.scope);
    expect(scopes.filter((scope) => scope === 'failedProofs')).toHaveLength(5);
    expect(scopes.filter((scope) => scope === 'kioskFailedProofs')).toHaveLength(5);
  });

  it('audits each check with the method and never the code', async () => {
    expect(await app.start({ typedName: 'amira.khan', event: 'reset.code_requested' })).toEqual(ok(null));
    await app.verify({ typedName: 'amira.khan', code: '987654', event });
    await app.verify({ typedName: 'amira.khan', code: '123456', event });
    const rows = await audited();
    expect(rows).toEqual([
      ['reset.code_requested', 'ok', JSON.stringify({ method: 'app' })],
      [event, 'refused', JSON.stringify({ method: 'app', reason: 'wrong' })],
      [event, 'ok', JSON.stringify({ method: 'app' })],
    ]);
    const all = JSON.stringify(await rowsOf(store, 'audit_log'));
    expect(all).not.toContain('987654');
    expect(all).not.toContain('123456');
  });

  it('is offered only when the authenticators can keep secrets safely', () => {
    const throttle = createThrottle({ clock: createTestClock(), rules: configSchema.shape.throttle.parse(undefined) });
    const audit = createAuditTrail({ kioskId: 'kiosk-1', clock: createTestClock(), chainKey: Buffer.alloc(32, 3), pseudonym });
    const build = (authenticators: Authenticators | null) => createAppProof({ store, authenticators, throttle, proofThrottle, audit, pseudonym });
    expect(app.offered).toBe(true);
    expect(build(fakeAuthenticators(new Map(), 'safeStorage uses basic_text').authenticators).offered).toBe(false);
    expect(build(null).offered).toBe(false);
  });
});
