import { failedPureRules, normalizeForPolicy } from '../../../shared/policy/composition.js';
import type { PolicyRules } from '../../../shared/policy/policy-config.js';
import type { PolicyRuleCode } from '../../../shared/policy/rule-codes.js';
import type { PasswordHistory } from '../history/password-history.js';
import type { AccountRecord, Directory, GuessabilityChecker, PasswordHasher } from '../ports.js';

/**
 * Judges a new password for one account. `quick` is what the live check may run on every keystroke;
 * `full` adds the reuse check: through the kiosk's password history, one argon2 derivation whatever
 * the history's length (history/password-history.ts).
 */
export function createPasswordJudge(deps: {
  rules: PolicyRules;
  guessability: GuessabilityChecker;
  directory: Directory;
  hasher: PasswordHasher;
  /** The kiosk's password history. Without it, every stored hash is verified: one argon2 verify each. */
  history?: PasswordHistory;
}) {
  const { rules, guessability, directory, hasher, history } = deps;

  function quick(password: string, account: AccountRecord): PolicyRuleCode[] {
    const person = { username: account.username, firstName: account.firstName, lastName: account.lastName };
    const failed = [
      ...failedPureRules(password, person, rules),
      ...guessability.check(normalizeForPolicy(password, rules), person),
    ];
    return [...new Set(failed)];
  }

  async function isReused(password: string, accountId: number): Promise<boolean> {
    if (history !== undefined) return history.isReused(accountId, password, rules.history);
    const hashes = await directory.passwordHashes(accountId, rules.history);
    // All in parallel: with every earlier password kept, a serial check would grow with each reset.
    const matches = await Promise.all(hashes.map((hash) => hasher.verify(hash, password)));
    return matches.includes(true);
  }

  return {
    /** The text that is hashed and compared: NFKC-normalised when the policy says so, never truncated. */
    candidate: (password: string) => normalizeForPolicy(password, rules),
    quick,
    async full(password: string, account: AccountRecord): Promise<PolicyRuleCode[]> {
      const failed = quick(password, account);
      if (await isReused(normalizeForPolicy(password, rules), account.id)) failed.push('reused');
      return failed;
    },
  };
}

export type PasswordJudge = ReturnType<typeof createPasswordJudge>;
