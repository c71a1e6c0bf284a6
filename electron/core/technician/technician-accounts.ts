import { usernameSchema } from '../../../shared/ipc/contract.js';
import { failedPureRules } from '../../../shared/policy/composition.js';
import type { PolicyRules } from '../../../shared/policy/policy-config.js';
import type { PolicyRuleCode } from '../../../shared/policy/rule-codes.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { effectivePolicy } from '../config/effective-policy.js';
import type { DerivedKeys } from '../keys/derived-keys.js';
import type { AppEnrolment } from '../authenticator/authenticator-types.js';
import { enrolmentFor, secretBytes } from '../authenticator/enrolment.js';
import { createSecretBox } from '../authenticator/secret-box.js';
import { createTotp } from '../authenticator/totp.js';
import type { Clock, PasswordHasher, RandomSource } from '../ports.js';
import type { Store, Tx } from '../store/store.js';
import { technicianRows, type TechnicianListing } from '../store/technician-rows.js';
import { usernameKeyOf } from '../store/username-key.js';
import type { SignedInTechnician } from './technician-session.js';

/** A refusal the admin command prints as it is (exit code 1): nothing was changed. */
export class TechnicianAccountError extends Error {
  override readonly name = 'TechnicianAccountError';
}

export interface TechnicianAccountDeps {
  store: Store;
  hasher: PasswordHasher;
  clock: Clock;
  random: RandomSource;
  /** The deployment's `authenticatorSecrets` key: technicians' app secrets are kept like people's. */
  key: Buffer;
  /** As authenticator apps show it (config.branding.organisationName). */
  issuer: string;
  /** The kiosk's password policy (config/effective-policy.ts): a technician's password must meet its pure rules. */
  policy: PolicyRules;
  audit: AuditTrail;
}

/** The accounts of one deployment, as the kiosk and the admin command both build them. */
export function technicianAccountsFor(deployment: {
  config: KioskConfig;
  store: Store;
  keys: Pick<DerivedKeys, 'authenticatorSecrets'>;
  audit: AuditTrail;
  hasher: PasswordHasher;
  clock: Clock;
  random: RandomSource;
}) {
  const { config, store, keys, audit, hasher, clock, random } = deployment;
  const issuer = config.branding.organisationName;
  return createTechnicianAccounts({ store, hasher, clock, random, key: keys.authenticatorSecrets, issuer, policy: effectivePolicy(config), audit });
}

/** Why a sign-in was refused, for the audit record only: the technician is told the same words for all. */
export type SignInRefusal = 'unknown_name' | 'wrong_password' | 'wrong_code' | 'replayed_code' | 'disabled';

/** What the checks of one sign-in found; the step is taken (and the code spent) by `accept` in the caller's transaction. */
export type SignInCheck = { refused: SignInRefusal } | { refused: null; id: number; step: number; technician: SignedInTechnician };

const ruleWords: Record<PolicyRuleCode, string> = {
  too_short: 'is too short',
  too_long: 'is too long',
  needs_upper: 'needs an upper-case letter',
  needs_lower: 'needs a lower-case letter',
  needs_digit: 'needs a digit',
  forbidden_character: 'has a character the policy does not allow',
  contains_username: 'contains the username',
  contains_name: 'contains the display name',
  contains_org_name: "contains the organisation's name",
  banned_term: 'contains a banned word',
  breached: 'is a known breached password',
  built_on_sequence: 'is built on a common sequence',
  built_on_word: 'is built on a common word or name',
  built_on_name: 'is built on the person\'s name',
  plus_year: 'is padded with a year',
  plus_date: 'is padded with a date',
  plus_number: 'is padded with common numbers',
  plus_repeat: 'is padded by repeating a part',
  reused: 'was used before',
  directory_quality: "fails the directory's own rules",
  too_recent: 'was changed too recently',
};

// eslint-disable-next-line no-control-regex -- control characters are what a display name must not hold
const controlCharacter = /[\u0000-\u001f\u007f]/;

/**
 * Technician accounts: the kiosk's own, never the directory's people. The password is argon2id (the
 * kiosk's hasher and parameters); the app secret is a new random one per technician, sealed with the
 * same AES-256-GCM box as people's apps but bound to the technician ("technician:<username key>"), and
 * checked by the same TOTP code with the same drift and replay rule.
 */
export function createTechnicianAccounts(deps: TechnicianAccountDeps) {
  const { store, hasher, clock, random, audit } = deps;
  const box = createSecretBox(deps.key, random);
  const totp = createTotp({ clock });
  // Checked in place of a real technician's, so an unknown name costs what a known one does.
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= hasher.hash('sspr-kiosk dummy technician password, never anyone\u2019s'));
  const dummySealed = box.sealTechnician('\u0000no technician', random.bytes(secretBytes));

  /**
   * The password must meet the kiosk's own composition rules (length, upper/lower case, digit,
   * allowed characters: the configured preset and overrides) and must not contain the username or
   * the display name. Guessability (breached lists, banned words) is not checked here.
   */
  function passwordProblems(username: string, displayName: string, password: string): string[] {
    const [firstName, ...rest] = displayName.split(/\s+/);
    const person = { username, ...(firstName === undefined ? {} : { firstName }), ...(rest.length === 0 ? {} : { lastName: rest.join(' ') }) };
    return failedPureRules(password, person, deps.policy).map((rule) => ruleWords[rule]);
  }

  return {
    passwordProblems,

    /** Whether the technician still exists and is active: an open session ends once they are disabled. */
    async isActive(username: string): Promise<boolean> {
      const row = await store.read((db) => technicianRows.findByUsername(db, username));
      return row !== null && row.status === 'active';
    },

    /** Adds an active technician with a new app secret; the enrolment (URI, QR, secret) is shown once by the caller. */
    async add(input: { username: string; displayName: string; password: string; actor: string }): Promise<{ technician: TechnicianListing; enrolment: AppEnrolment }> {
      const parsed = usernameSchema.safeParse(input.username);
      if (!parsed.success) throw new TechnicianAccountError('the username must be 1 to 256 characters without control characters');
      const username = parsed.data;
      const displayName = input.displayName.trim();
      if (displayName.length === 0 || displayName.length > 80 || controlCharacter.test(displayName)) {
        throw new TechnicianAccountError('the display name must be 1 to 80 characters without control characters');
      }
      const problems = passwordProblems(username, displayName, input.password);
      if (problems.length > 0) throw new TechnicianAccountError(`the password does not meet the kiosk's password policy: it ${problems.join(', ')}`);
      const secret = random.bytes(secretBytes);
      const sealed = box.sealTechnician(usernameKeyOf(username), secret);
      const passwordHash = await hasher.hash(input.password);
      const createdAt = clock.now().toISOString();
      await store.run(async (tx) => {
        if ((await technicianRows.findByUsername(tx, username)) !== null) {
          throw new TechnicianAccountError(`a technician named "${username}" already exists (usernames match whatever the case); nothing was changed`);
        }
        await technicianRows.insert(tx, { username, displayName, passwordHash, ciphertext: sealed.ciphertext, nonce: sealed.nonce, createdAt });
        await audit.record(tx, { event: 'technician.added', outcome: 'ok', actor: input.actor, detail: { technician: username } });
      });
      const technician: TechnicianListing = { username, displayName, role: 'technician', status: 'active', createdAt, disabledAt: null };
      return { technician, enrolment: enrolmentFor(secret, deps.issuer, username) };
    },

    /** Disables a technician: their sign-ins are refused from now on. False when they were disabled already. */
    async disable(username: string, actor: string): Promise<boolean> {
      return store.run(async (tx) => {
        const row = await technicianRows.findByUsername(tx, username);
        if (row === null) throw new TechnicianAccountError(`no technician is named "${username}"`);
        const at = clock.now().toISOString();
        if (!(await technicianRows.disable(tx, row.id, at))) return false;
        await audit.record(tx, { event: 'technician.disabled', outcome: 'ok', actor, detail: { technician: row.username } });
        return true;
      });
    },

    list: (): Promise<TechnicianListing[]> => store.read((db) => technicianRows.list(db)),

    /**
     * The password and the app code of a sign-in, with the same work whatever the outcome: an unknown
     * name is checked against a dummy hash and a dummy secret, a disabled technician's are checked
     * like anyone's. Reads only; the code is spent by `accept`.
     */
    async check(username: string, password: string, code: string): Promise<SignInCheck> {
      const row = await store.read((db) => technicianRows.findByUsername(db, username));
      const passwordOk = await hasher.verify(row?.passwordHash ?? (await dummy()), password);
      const secret = row === null ? box.openTechnician('\u0000no technician', dummySealed) : box.openTechnician(row.usernameKey, row);
      const step = totp.match(secret ?? Buffer.alloc(secretBytes), code);
      if (row === null) return { refused: 'unknown_name' };
      if (!passwordOk) return { refused: 'wrong_password' };
      if (secret === null || step === null) return { refused: 'wrong_code' };
      // `accept` is what refuses a replay for certain (in the transaction); this only names it for the audit.
      if (row.lastStep !== null && step <= row.lastStep) return { refused: 'replayed_code' };
      if (row.status !== 'active') return { refused: 'disabled' };
      return { refused: null, id: row.id, step, technician: { id: row.id, username: row.username, displayName: row.displayName } };
    },

    /** Spends the code's time step (a replay, here or on another kiosk, finds it taken): false when it was. */
    accept: (tx: Tx, id: number, step: number): Promise<boolean> => technicianRows.advanceStep(tx, id, step),
  };
}

export type TechnicianAccounts = ReturnType<typeof createTechnicianAccounts>;
