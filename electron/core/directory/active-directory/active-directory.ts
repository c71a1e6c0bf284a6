import { Attribute, BerWriter, Change, Client, Control, SizeLimitExceededError, UnavailableCriticalExtensionError, type Entry } from 'ldapts';
import type { ActiveDirectoryConfig } from '../../../../shared/config/directory-config-schema.js';
import type { AccountRecord, Clock, Directory } from '../../ports.js';
import type { DirectoryPeople } from '../directory-people.js';
import { DirectoryUnavailableError } from '../directory-errors.js';
import { asDirectoryFailure, type LdapPool } from '../ldap/ldap-pool.js';
import { attributeText } from '../ldap/entry-attributes.js';
import { escapeFilterValue, userFilter } from '../ldap/ldap-filter.js';
import { dateOfFileTime, passwordRefusalOf, signInOutcomeOf } from './ad-answers.js';

export interface ActiveDirectoryDeps {
  config: ActiveDirectoryConfig;
  pool: LdapPool;
  people: DirectoryPeople;
  clock: Clock;
  log: (line: string) => void;
}

// userAccountControl ACCOUNTDISABLE. msDS-User-Account-Control-Computed LOCKOUT: AD computes it from
// lockoutTime and the domain's lockout duration, so it is the "locked now" test (lockoutTime itself
// stays set after a lockout expires, until the next bind). Windows 2003+ and Samba 4 both have it.
const accountDisable = 0x2;
const computedLockout = 0x10;
const computedAttribute = 'msDS-User-Account-Control-Computed';
const maxUsernameLength = 256;

/**
 * LDAP_SERVER_POLICY_HINTS (MS-ADTS 3.1.1.3.4.1.35): with it, Windows Server 2008 R2+ applies
 * password history and minimum age to a reset made by an administrator, as to a person's own change.
 * Value: BER SEQUENCE { Flags INTEGER (1) }.
 */
class PolicyHintsControl extends Control {
  constructor() {
    super('1.2.840.113556.1.4.2239', { critical: true });
  }
  override writeControl(writer: BerWriter): void {
    const value = new BerWriter();
    value.startSequence();
    value.writeInt(1);
    value.endSequence();
    writer.writeBuffer(value.buffer, 0x04);
  }
}

/**
 * The organisation's Active Directory behind the kiosk's Directory port. People are found with the
 * configured filter and get a shadow row (createDirectoryPeople) whose id the kiosk uses; every other
 * call maps that id back to the entry by its sAMAccountName, which AD keeps unique in the domain.
 * Passwords never leave AD: it keeps the hashes and history (passwordHashes is empty, so the kiosk's
 * own history of what it set is what it checks).
 */
export function createActiveDirectory(deps: ActiveDirectoryDeps): Directory {
  const { config, pool, people, log } = deps;
  const mapped = config.attributes;
  const attributes = [
    'sAMAccountName',
    'userAccountControl',
    computedAttribute,
    mapped.firstName,
    mapped.lastName,
    ...(mapped.email === null ? [] : [mapped.email]),
    ...(mapped.mobile === null ? [] : [mapped.mobile]),
  ];
  // Cleared for good once the directory refuses the control (Samba does): asking again on every
  // reset would only double the round trips. The kiosk's own history then is the one that holds.
  let sendPolicyHints = config.policyHints;

  /** One person entry for `filter`, or null for none and for more than one (never guess between two). */
  async function searchOne(filter: string, wanted: string[]): Promise<Entry | null> {
    // Only people: a filter on sAMAccountName alone would also match computer accounts (DC1$).
    const personFilter = `(&(objectCategory=person)(objectClass=user)${filter})`;
    return pool.withService(
      async (client: Client) => {
        try {
          const { searchEntries } = await client.search(config.baseDn, { scope: 'sub', filter: personFilter, attributes: wanted, sizeLimit: 2 });
          // Samba ignores sizeLimit; Windows honours it (and then throws, below).
          return searchEntries.length === 1 ? searchEntries[0]! : null;
        } catch (error) {
          if (error instanceof SizeLimitExceededError) return null;
          throw error;
        }
      },
      { retry: true },
    );
  }

  /** The entry behind a shadow account id; a plain Error for an id that is not (or no longer) a directory person. */
  // '1.1' asks for no attributes at all (RFC 4511 4.5.1.8): the DN is all most calls need.
  async function entryOf(accountId: number, wanted: string[] = ['1.1']): Promise<Entry> {
    const username = await people.usernameOf(accountId);
    const entry = username === null ? null : await searchOne(`(sAMAccountName=${escapeFilterValue(username)})`, wanted);
    if (entry === null) throw new Error(`No directory account with id ${accountId}`);
    return entry;
  }

  async function modify(dn: string, changes: Change[], controls?: Control): Promise<void> {
    await pool.withService((client) => client.modify(dn, changes, controls));
  }

  /** The person's bind: null or invalidCredentials (49). Any other answer (e.g. strongAuthRequired) is a set-up fault, not a wrong password. */
  async function bindAnswer(dn: string, password: string) {
    const answer = await pool.tryBind(dn, password);
    if (answer !== null && answer.code !== 49) throw new DirectoryUnavailableError('protocol', `the directory refused a person's bind with code ${answer.code}`);
    return answer;
  }

  const replace = (type: string, value: string | Buffer) =>
    new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] as string[] | Buffer[] }) });

  return {
    probe: () => pool.probe(),
    async findAccount(username): Promise<AccountRecord | null> {
      if (username.trim() === '' || username.length > maxUsernameLength) return null;
      // No name holds a control character; and Samba ends a filter value at an escaped NUL (\00),
      // so "alice\0..." would find alice.
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
      if (/[\u0000-\u001f\u007f]/.test(username)) return null;
      // The typed name is escaped (RFC 4515), so `*` or `)(sAMAccountName=*` is only ever itself.
      const entry = await searchOne(userFilter(config.userFilter, username), attributes);
      if (entry === null) return null;
      return people.link({
        username: attributeText(entry, 'sAMAccountName') ?? username,
        firstName: attributeText(entry, mapped.firstName) ?? '',
        lastName: attributeText(entry, mapped.lastName) ?? '',
        disabled: (numberOf(entry, 'userAccountControl') & accountDisable) !== 0,
        locked: (numberOf(entry, computedAttribute) & computedLockout) !== 0,
        email: mapped.email === null ? null : (attributeText(entry, mapped.email) ?? null),
        mobile: mapped.mobile === null ? null : (attributeText(entry, mapped.mobile) ?? null),
      });
    },

    async signIn(accountId, password) {
      const { dn } = await entryOf(accountId);
      return signInOutcomeOf(await bindAnswer(dn, password));
    },

    // AD has no way to check a password without a bind, and every wrong bind counts toward its
    // lockout: this is a sign-in whose only answer is whether the password was right.
    async verifyPassword(accountId, password) {
      const { dn } = await entryOf(accountId);
      return signInOutcomeOf(await bindAnswer(dn, password)) === 'ok';
    },

    async setPassword(accountId, newPassword) {
      const { dn } = await entryOf(accountId);
      // A reset by the service account (it holds the Reset Password right), over TLS (AD refuses
      // unicodePwd otherwise); lockoutTime 0 in the same request, so the reset also unlocks, atomically.
      const changes = [replace('unicodePwd', Buffer.from(`"${newPassword}"`, 'utf16le')), replace('lockoutTime', '0')];
      try {
        if (sendPolicyHints) {
          try {
            await modify(dn, changes, new PolicyHintsControl());
            return;
          } catch (error) {
            if (!(error instanceof UnavailableCriticalExtensionError)) throw error;
            sendPolicyHints = false;
            log('active directory: the directory does not support the policy-hints control (its history is not applied to resets); resetting without it, the kiosk\'s own history applies');
          }
        }
        await modify(dn, changes);
      } catch (error) {
        throw passwordRefusalOf(error) ?? unexpected(error, 'set the password');
      }
    },

    passwordHashes() {
      return Promise.resolve([]);
    },

    async passwordChangedAt(accountId) {
      // pwdLastSet 0 means "must change at next logon": no date the kiosk could compare with.
      const entry = await entryOf(accountId, ['pwdLastSet']);
      return dateOfFileTime(attributeText(entry, 'pwdLastSet'));
    },

    async isLocked(accountId) {
      const entry = await entryOf(accountId, [computedAttribute]);
      return (numberOf(entry, computedAttribute) & computedLockout) !== 0;
    },

    async unlock(accountId) {
      const { dn } = await entryOf(accountId);
      // Writing 0 is the one change AD allows to lockoutTime; it also zeroes badPwdCount.
      try {
        await modify(dn, [replace('lockoutTime', '0')]);
      } catch (error) {
        throw unexpected(error, 'unlock the account');
      }
    },
  };
}

/**
 * A directory answer the kiosk did not expect to a write (insufficient rights for the service
 * account, an unknown attribute in the config): the service is not usable as configured.
 */
function unexpected(error: unknown, what: string): unknown {
  const failure = asDirectoryFailure(error, true);
  if (failure instanceof DirectoryUnavailableError || failure !== error) return failure;
  const message = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 160) : String(error);
  return new DirectoryUnavailableError('protocol', `the directory would not ${what}: ${message}`);
}

function numberOf(entry: Entry, name: string): number {
  return Number(attributeText(entry, name) ?? 0) || 0;
}
