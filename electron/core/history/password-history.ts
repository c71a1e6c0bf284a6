import { timingSafeEqual } from 'node:crypto';
import { createArgon2Hasher, type Argon2Params } from '../hashing/argon2-hasher.js';
import type { Clock, Directory, PasswordHasher, RandomSource } from '../ports.js';
import { historyDerivationRows, historySaltRows, type HistoryEntryRow } from '../store/history-rows.js';
import type { Store, Tx } from '../store/store.js';
import { cryptoRandom } from '../system.js';
import { deriveWithArgon2, historySaltBytes, paramsOfTag, paramsTag, storedHashName, type DeriveFn } from './history-derivation.js';

/** A password's history entry, derived (outside any transaction) and not yet written. */
export interface PreparedEntry {
  readonly accountId: number;
  readonly derivation: string;
  readonly params: string;
}

/**
 * "Never reuse an earlier password" at a cost that does not grow with the history.
 *
 * Each account has one random salt, and every password it is given is also kept as
 * argon2id(password, salt). A candidate is derived once with that salt and compared with all of them:
 * one argon2 computation (one more per older parameter set still in the history) instead of one
 * verify per stored hash. A stolen database lets a guess be tested against one account's whole
 * history at once -- never against another account's, whose salt differs, and no guess costs less
 * than one argon2 -- which is what the issue allows.
 *
 * The directory's own hashes (the embedded directory hands them out; LDAP will not) are still
 * consulted: a stored hash that no entry is known to stand for -- from before this history existed,
 * or whose link was not learnt -- is verified the old way. That set is fixed once an account's
 * passwords are set through the kiosk, so the cost stays flat as the history grows.
 */
export function createPasswordHistory(deps: {
  store: Store;
  directory: Directory;
  clock: Clock;
  /** The kiosk's argon2 parameters: new entries are derived with these. */
  params: Argon2Params;
  /** Verifies the stored hashes no entry stands for; an argon2 hasher with `params` by default. */
  hasher?: PasswordHasher;
  /** The OS CSPRNG by default, like the store's retry jitter: a test's seeded source keeps its numbers for codes. */
  random?: RandomSource;
  derive?: DeriveFn;
}) {
  const { store, directory, clock, params } = deps;
  const hasher = deps.hasher ?? createArgon2Hasher(params);
  const random = deps.random ?? cryptoRandom;
  const derive = deps.derive ?? deriveWithArgon2;
  const currentTag = paramsTag(params);

  /** The account's salt, made (in its own small transaction) the first time it is needed. */
  async function saltOf(accountId: number): Promise<Buffer> {
    const known = await store.read((db) => historySaltRows.find(db, accountId));
    if (known !== null) return Buffer.from(known, 'hex');
    const fresh = random.bytes(historySaltBytes).toString('hex');
    const salt = await store.run((tx) => historySaltRows.create(tx, accountId, fresh, clock.now().toISOString()));
    return Buffer.from(salt, 'hex');
  }

  /**
   * The entries to compare a candidate with: every one linked to a stored hash the directory counts
   * (its window of `limit` earlier passwords), every pending one (a change that may have happened),
   * and unlinked kept ones within the newest `limit + 1` (for a directory that hands out no hashes).
   */
  function entriesToCompare(rows: HistoryEntryRow[], windowNames: Set<string>, limit: number | 'all'): HistoryEntryRow[] {
    const window = limit === 'all' ? Number.POSITIVE_INFINITY : limit + 1;
    let keptSeen = 0;
    return rows.filter((row) => {
      const inWindow = row.state === 'kept' && keptSeen++ < window;
      if (row.storedHash !== null && windowNames.has(row.storedHash)) return true;
      if (row.state === 'pending') return true;
      return row.storedHash === null && inWindow;
    });
  }

  /** Derives the candidate once per parameter set and compares with every entry, without stopping early. */
  async function matchesAny(accountId: number, candidate: string, entries: HistoryEntryRow[]): Promise<boolean> {
    if (entries.length === 0) return false;
    const salt = await store.read((db) => historySaltRows.find(db, accountId));
    // Entries are written only after their salt: one without it is a damaged store, not "no match".
    if (salt === null) throw new Error(`Password history entries without a salt (account ${accountId})`);
    const byParams = new Map<string, Buffer[]>();
    for (const entry of entries) byParams.set(entry.params, [...(byParams.get(entry.params) ?? []), Buffer.from(entry.derivation, 'hex')]);
    let found = false;
    for (const [tag, stored] of byParams) {
      const derived = await derive(candidate, Buffer.from(salt, 'hex'), paramsOfTag(tag));
      for (const value of stored) if (value.length === derived.length && timingSafeEqual(value, derived)) found = true;
    }
    return found;
  }

  return {
    /**
     * Whether `candidate` (already normalised as the policy says) is the current password or one of
     * the `limit` earlier ones ('all': any earlier one).
     */
    async isReused(accountId: number, candidate: string, limit: number | 'all'): Promise<boolean> {
      // Hashes first, entries after: a change under way writes its entry before its hash, and a hash
      // whose link is not yet visible is simply verified.
      const hashes = await directory.passwordHashes(accountId, limit);
      const rows = await store.read((db) => historyDerivationRows.ofAccount(db, accountId));
      const linked = new Set(rows.flatMap((row) => (row.storedHash === null ? [] : [row.storedHash])));
      const names = hashes.map(storedHashName);
      const unlinked = hashes.filter((_, index) => !linked.has(names[index]!));
      const [derivedMatch, verified] = await Promise.all([
        matchesAny(accountId, candidate, entriesToCompare(rows, new Set(names), limit)),
        Promise.all(unlinked.map((hash) => hasher.verify(hash, candidate))),
      ]);
      return derivedMatch || verified.includes(true);
    },

    /**
     * A password the person has just proved is theirs (signed in with it). A directory that hands out
     * no hashes (LDAP, AD) leaves the kiosk no other way to know the current password, so it is kept as
     * history once (one derivation; nothing is written when an entry already stands for it), and
     * "change it back to what it was" is refused even where the directory does not apply its history.
     */
    async learnCurrent(accountId: number, candidate: string): Promise<void> {
      if ((await directory.passwordHashes(accountId, 0)).length > 0) return;
      const entry = await this.prepare(accountId, candidate);
      const derived = Buffer.from(entry.derivation, 'hex');
      const rows = await store.read((db) => historyDerivationRows.ofAccount(db, accountId));
      const known = rows.some((row) => {
        const stored = Buffer.from(row.derivation, 'hex');
        return row.params === entry.params && stored.length === derived.length && timingSafeEqual(stored, derived);
      });
      if (!known) await store.run((tx) => this.remember(tx, entry, { storedHash: null }));
    },

    /** Derives `password` for the account's history with the current parameters (making its salt if need be). */
    async prepare(accountId: number, password: string): Promise<PreparedEntry> {
      const salt = await saltOf(accountId);
      const derivation = await derive(password, salt, params);
      return { accountId, derivation: derivation.toString('hex'), params: currentTag };
    },

    /**
     * Writes a prepared entry in the caller's transaction: pending while `changeId`'s change is under
     * way, kept otherwise (a password known to be set, `storedHash` naming its directory hash if known).
     */
    async remember(tx: Tx, entry: PreparedEntry, link: { changeId: number } | { storedHash: string | null }): Promise<void> {
      const pending = 'changeId' in link;
      await historyDerivationRows.add(tx, {
        accountId: entry.accountId,
        derivation: entry.derivation,
        params: entry.params,
        state: pending ? 'pending' : 'kept',
        changeId: pending ? link.changeId : null,
        storedHash: pending ? null : link.storedHash,
        createdAt: clock.now().toISOString(),
      });
    },

    /** The change happened, or may have: its entry is history for good. */
    keep: (tx: Tx, changeId: number, storedHash: string | null) => historyDerivationRows.keep(tx, changeId, storedHash),

    /** The change is known not to have happened: its entry goes, so the password is not refused as "used". */
    forget: (tx: Tx, changeId: number) => historyDerivationRows.dropPending(tx, changeId),

    /**
     * The name of the directory's current stored hash, read right after a change, so the new entry
     * can stand for it. Null when the directory hands out no hashes or cannot be read now: the hash
     * is then verified the old way, never skipped. (Another change landing in between links the
     * entry to that change's hash, which its own entry also stands for.)
     */
    async currentHashName(accountId: number): Promise<string | null> {
      try {
        const [current] = await directory.passwordHashes(accountId, 0);
        return current === undefined ? null : storedHashName(current);
      } catch {
        return null;
      }
    },
  };
}

export type PasswordHistory = ReturnType<typeof createPasswordHistory>;
