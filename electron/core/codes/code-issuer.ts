import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VerificationMethod } from '../../../shared/flow/stages.js';
import { challengeRows, type ChallengePurpose as Purpose } from '../store/challenges.js';
import type { Tx } from '../store/store.js';
import type { Clock, RandomSource } from '../ports.js';

export interface CodeSettings {
  length: number;
  ttlMinutes: number;
  maxTriesPerCode: number;
}

export interface IssueRequest {
  /** The pseudonym of the name as typed; a new code retires every open one under the same key. */
  usernameKey: string;
  purpose: Purpose;
  method: VerificationMethod;
}

export interface IssuedCode {
  challengeId: string;
  /** The only moment the clear code exists: handed to the sender, never stored or logged. */
  code: string;
  expiresAt: Date;
}

export type CodeCheck =
  | { outcome: 'accepted'; accountId: number }
  /** triesLeft 0: this was the code's last try. */
  | { outcome: 'wrong'; triesLeft: number }
  | { outcome: 'expired' }
  | { outcome: 'used' }
  /** Its tries were already used up before this one; nothing was checked or counted. */
  | { outcome: 'exhausted' };

export interface CodeIssuerDeps {
  random: RandomSource;
  clock: Clock;
  /** Derived from the deployment key, never stored: a copied database alone cannot be used to test guesses. */
  hmacKey: Buffer;
  settings: CodeSettings;
}

const minimumKeyBytes = 32;

/**
 * One-time codes: drawn from the injected CSPRNG, stored only as an HMAC bound to their challenge,
 * valid for ttlMinutes, once, for at most maxTriesPerCode wrong tries, and only for the account and
 * purpose they were issued for. A challenge starts with no account: the background delivery binds it
 * when the typed name turns out to be a registered account, so issuing costs the same for everyone.
 */
export function createCodeIssuer(deps: CodeIssuerDeps) {
  const { random, clock, hmacKey, settings } = deps;
  if (hmacKey.length < minimumKeyBytes) throw new Error(`The code HMAC key must be at least ${minimumKeyBytes} bytes.`);
  const codeSpace = 10 ** settings.length;

  const digest = (challengeId: string, code: string) =>
    createHmac('sha256', hmacKey).update(`${challengeId}:${code}`).digest();

  return {
    async issue(tx: Tx, request: IssueRequest): Promise<IssuedCode> {
      const now = clock.now();
      const challengeId = random.bytes(16).toString('hex');
      // Every value in [0, 10^length) is equally likely; padding keeps the leading zeros.
      const code = String(random.int(0, codeSpace)).padStart(settings.length, '0');
      const expiresAt = new Date(now.getTime() + settings.ttlMinutes * 60_000);
      await challengeRows.retireOpen(tx, request.usernameKey, request.purpose, now.toISOString());
      await challengeRows.insert(tx, {
        id: challengeId,
        accountId: null,
        usernameKey: request.usernameKey,
        purpose: request.purpose,
        method: request.method,
        codeHash: digest(challengeId, code).toString('hex'),
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        maxTries: settings.maxTriesPerCode,
      });
      return { challengeId, code, expiresAt };
    },

    /** Checks a typed code. Writes (a counted failure, or consumption) are the caller's transaction. */
    async check(tx: Tx, challengeId: string, code: string, expected: { purpose: Purpose }): Promise<CodeCheck> {
      const challenge = await challengeRows.find(tx, challengeId);
      if (challenge === null) return { outcome: 'expired' };
      if (challenge.consumedAt !== null) return { outcome: 'used' };
      if (challenge.failedTries >= challenge.maxTries) return { outcome: 'exhausted' };
      if (clock.now().getTime() >= Date.parse(challenge.expiresAt)) return { outcome: 'expired' };

      const matches = timingSafeEqual(digest(challengeId, code), Buffer.from(challenge.codeHash, 'hex'));
      const { accountId } = challenge;
      // A right code for a challenge with no account can only be a guess, so it fails like any wrong one.
      if (matches && accountId !== null && challenge.purpose === expected.purpose) {
        // Guarded by consumed_at IS NULL: two kiosks checking the same code cannot both win.
        if (!(await challengeRows.consume(tx, challengeId, clock.now().toISOString()))) return { outcome: 'used' };
        return { outcome: 'accepted', accountId };
      }
      await challengeRows.recordFailure(tx, challengeId);
      return { outcome: 'wrong', triesLeft: challenge.maxTries - challenge.failedTries - 1 };
    },

    /** Ties a challenge to the account found behind the typed name; only then can its code be accepted. */
    async bind(tx: Tx, challengeId: string, accountId: number): Promise<void> {
      await challengeRows.bindAccount(tx, challengeId, accountId);
    },

    /** Seconds until the challenge expires (0 once it has). */
    secondsLeft(expiresAt: Date): number {
      return Math.max(0, Math.ceil((expiresAt.getTime() - clock.now().getTime()) / 1000));
    },
  };
}

export type CodeIssuer = ReturnType<typeof createCodeIssuer>;
