import { Attribute, Change, Control, InvalidCredentialsError, NoSuchAttributeError, ResultCodeError, type Client, type Entry } from 'ldapts';
import type { LdapDirectoryConfig } from '../../../../shared/config/directory-config-schema.js';
import type { AccountRecord, Clock, Directory, SignInOutcome } from '../../ports.js';
import type { DirectoryPeople } from '../directory-people.js';
import { attributeText, attributeValues } from './entry-attributes.js';
import type { LdapPool } from './ldap-pool.js';
import { userFilter } from './ldap-filter.js';
import { passwordModifyOid, passwordModifyRequest, refusalOf } from './password-modify.js';
import { lockStateOf, parseGeneralizedTime, ppolicyAttributes, administrativeLockMarker, type LockState } from './ppolicy-state.js';

export interface LdapDirectoryDeps {
  config: LdapDirectoryConfig;
  pool: LdapPool;
  people: Pick<DirectoryPeople, 'link' | 'usernameOf'>;
  clock: Clock;
  log: (line: string) => void;
}

/** RFC 3672 / draft-zeilenga-ldap-relax: lets `manage` access change NO-USER-MODIFICATION attributes (pwdFailureTime). */
const relaxOid = '1.3.6.1.4.1.4203.666.5.12';
/** The policy's pwdLockoutDuration is read once in this long. */
const policyCacheMs = 5 * 60_000;

interface FoundEntry {
  dn: string;
  entry: Entry;
}

/**
 * The Directory port over an LDAP server with the ppolicy overlay (OpenLDAP), as the kiosk's service
 * account. The directory decides passwords, history, quality, lockout and disabled accounts; the
 * kiosk keeps a shadow row per person (`people`) for its own records, keyed by the local id.
 */
export function createLdapDirectory(deps: LdapDirectoryDeps): Directory {
  const { config, pool, people, clock, log } = deps;
  const mapped = config.attributes;
  const usernameAttribute = /^\(([A-Za-z][A-Za-z0-9-]*)=\{username\}\)$/.exec(config.userFilter)?.[1];
  const wanted = [mapped.firstName, mapped.lastName, mapped.email, mapped.mobile, usernameAttribute, ...ppolicyAttributes].filter(
    (name): name is string => typeof name === 'string',
  );
  const dns = new Map<number, string>();
  let policy: { lockoutSeconds: number | undefined; readAt: number } | undefined;

  /** The one entry the filter finds for `username`; none for zero or several (several is logged: the filter is too wide). */
  async function search(username: string): Promise<FoundEntry | null> {
    const filter = userFilter(config.userFilter, username);
    // Two are enough to know the filter is ambiguous; with a sizeLimit asked for, ldapts returns the
    // entries it got when the server stops at the limit (sizeLimitExceeded) instead of failing.
    const { searchEntries: entries } = await pool.withService(
      (client) => client.search(config.baseDn, { scope: 'sub', filter, sizeLimit: 2, attributes: wanted }),
      { retry: true },
    );
    if (entries.length > 1) {
      // The typed name stays out of the log: it may be a password typed in the wrong box.
      log(`directory: more than one entry under ${config.baseDn} matches the user filter for a typed name; treated as nobody (the filter is too wide)`);
      return null;
    }
    const entry = entries[0];
    return entry === undefined ? null : { dn: entry.dn, entry };
  }

  /** pwdLockoutDuration of the configured policy (cached); undefined when unknown, so a lock holds until cleared. */
  async function lockoutSeconds(): Promise<number | undefined> {
    const now = clock.now().getTime();
    if (policy !== undefined && now - policy.readAt < policyCacheMs) return policy.lockoutSeconds;
    if (config.passwordPolicyDn === undefined) return undefined;
    const policyDn = config.passwordPolicyDn;
    let found: Entry | undefined;
    try {
      ({ searchEntries: [found] } = await pool.withService((client) => client.search(policyDn, { scope: 'base', attributes: ['pwdLockoutDuration'] }), { retry: true }));
    } catch (error) {
      // noSuchObject: a wrong DN, or one the service account may not read (slapd hides it the same way).
      if (!(error instanceof ResultCodeError && error.code === 32)) throw error;
    }
    const raw = attributeText(found, 'pwdLockoutDuration');
    const seconds = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
    if (seconds === undefined) log(`directory: no pwdLockoutDuration readable at ${policyDn}; a lock is taken to hold until cleared`);
    policy = { lockoutSeconds: seconds, readAt: now };
    return seconds;
  }

  async function lockStateFrom(entry: Entry): Promise<LockState> {
    const failures = attributeValues(entry, 'pwdFailureTime').length;
    return lockStateOf(attributeText(entry, 'pwdAccountLockedTime'), failures, await lockoutSeconds(), clock.now());
  }

  /** The person's entry now (lock and change times as of this moment), through the remembered DN. */
  async function current(accountId: number): Promise<FoundEntry> {
    const known = dns.get(accountId);
    if (known !== undefined) {
      const entry = await readEntry(known);
      if (entry !== null) return { dn: known, entry };
      dns.delete(accountId); // Renamed or removed since: look the name up again.
    }
    const username = await people.usernameOf(accountId);
    const found = username === null ? null : await search(username);
    if (found === null) throw new Error(`No directory entry for account ${accountId}`);
    dns.set(accountId, found.dn);
    return found;
  }

  async function readEntry(dn: string): Promise<Entry | null> {
    try {
      const { searchEntries } = await pool.withService((client) => client.search(dn, { scope: 'base', attributes: wanted }), { retry: true });
      return searchEntries[0] ?? null;
    } catch (error) {
      if (error instanceof ResultCodeError && error.code === 32) return null; // noSuchObject
      throw error;
    }
  }

  /**
   * Clears a failure lock and the failures counted toward the next one (never the administrator's
   * marker). pwdFailureTime is NO-USER-MODIFICATION: deleting it needs the Relax control.
   */
  async function clearLock(dn: string, state: LockState): Promise<void> {
    if (state.disabled) return;
    if (state.lockedTimeSet) await deleteAttribute(dn, 'pwdAccountLockedTime', []);
    if (state.failuresCounted) {
      try {
        await deleteAttribute(dn, 'pwdFailureTime', [new Control(relaxOid, { critical: true })]);
      } catch (error) {
        // A server without Relax (or a service account without `manage`): the lock is gone, but the
        // old failures still count toward the next one. Say so; the unlock itself stands.
        if (!(error instanceof ResultCodeError)) throw error;
        log(`directory: pwdFailureTime not cleared for an account (${error.message.split('\n')[0]}); grant the service account manage on it`);
      }
    }
  }

  async function deleteAttribute(dn: string, type: string, controls: Control[]): Promise<void> {
    try {
      await pool.withService((client: Client) => client.modify(dn, new Change({ operation: 'delete', modification: new Attribute({ type }) }), controls), { retry: true });
    } catch (error) {
      if (!(error instanceof NoSuchAttributeError)) throw error; // Already gone: what was wanted.
    }
  }

  return {
    probe: () => pool.probe(),
    async findAccount(username): Promise<AccountRecord | null> {
      const found = await search(username);
      if (found === null) return null;
      const { entry } = found;
      const state = await lockStateFrom(entry);
      const directoryName = usernameAttribute === undefined ? undefined : attributeText(entry, usernameAttribute);
      const record = await people.link({
        // The directory's spelling when it is the typed name up to case; else the typed name.
        username: directoryName !== undefined && directoryName.toLowerCase() === username.toLowerCase() ? directoryName : username,
        firstName: attributeText(entry, mapped.firstName) ?? '',
        lastName: attributeText(entry, mapped.lastName) ?? '',
        disabled: state.disabled,
        locked: state.locked,
        email: mapped.email === null ? null : (attributeText(entry, mapped.email) ?? null),
        mobile: mapped.mobile === null ? null : (attributeText(entry, mapped.mobile) ?? null),
      });
      dns.set(record.id, found.dn);
      return record;
    },

    async signIn(accountId, password): Promise<SignInOutcome> {
      const { dn, entry } = await current(accountId);
      // ppolicy refuses every bind to a locked (or administratively locked) entry with the same code 49
      // as a wrong password, so the state is read first: such an account says so whatever the password,
      // as Active Directory does at logon, and is not sent a bind that could only fail. The bind that
      // reaches the limit is answered "wrong", as AD answers it; the next attempt hears "locked".
      const state = await lockStateFrom(entry);
      if (state.disabled) return 'disabled';
      if (state.locked) return 'locked';
      const refused = await pool.tryBind(dn, password);
      if (refused === null) return 'ok';
      if (!(refused instanceof InvalidCredentialsError)) throw refused;
      return 'wrong';
    },

    async verifyPassword(accountId, password) {
      // LDAP has no check apart from a bind: this one counts as an attempt toward ppolicy's lockout.
      const { dn } = await current(accountId);
      const refused = await pool.tryBind(dn, password);
      if (refused === null) return true;
      if (refused instanceof InvalidCredentialsError) return false;
      throw refused;
    },

    async setPassword(accountId, newPassword) {
      const { dn, entry } = await current(accountId);
      const before = await lockStateFrom(entry);
      try {
        // As the service account, never a rootdn: ppolicy judges the service account's change (history,
        // quality, minimum age) and would wave a rootdn's through.
        await pool.withService((client) => client.exop(passwordModifyOid, passwordModifyRequest(dn, newPassword)));
      } catch (error) {
        throw refusalOf(error) ?? error;
      }
      if (before.disabled) {
        // OpenLDAP's ppolicy drops pwdAccountLockedTime on any password change, the administrator's
        // marker included: put it back, so a reset never re-enables a disabled account.
        await pool.withService((client) =>
          client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdAccountLockedTime', values: [administrativeLockMarker] }) })),
        );
        return;
      }
      // ppolicy clears the lock on a change already; servers that do not are unlocked here, so a reset also unlocks.
      const after = await readEntry(dn);
      if (after !== null) await clearLock(dn, await lockStateFrom(after));
    },

    async passwordHashes() {
      // The directory hands out no hashes (and should not); its own history check applies to every
      // change, and the kiosk's own history (its password-history rows) covers the rest.
      return [];
    },

    async passwordChangedAt(accountId) {
      const { entry } = await current(accountId);
      const value = attributeText(entry, 'pwdChangedTime');
      return value === undefined ? null : parseGeneralizedTime(value);
    },

    async isLocked(accountId) {
      const { entry } = await current(accountId);
      return (await lockStateFrom(entry)).locked;
    },

    async unlock(accountId) {
      const { dn, entry } = await current(accountId);
      await clearLock(dn, await lockStateFrom(entry));
    },
  };
}
