import type { MethodKind, RegisteredMethod } from '../../../../shared/flow/stages.js';
import { maskEmail, maskPhoneNumber } from '../../../../shared/registration/masking.js';
import type { Authenticators } from '../../authenticator/authenticator-types.js';
import { contactRows, type VerifiedContact } from '../../store/contacts.js';
import type { Tx } from '../../store/store.js';

export function maskContact(kind: 'email' | 'phone', value: string): string {
  return kind === 'email' ? maskEmail(value) : maskPhoneNumber(value);
}

/** The account's methods as registration shows them, and the full contacts behind them (main only). */
export interface AccountMethods {
  methods: RegisteredMethod[];
  contacts: VerifiedContact[];
  hasApp: boolean;
}

/**
 * Verified emails, verified mobiles and the app, in that order, each with an id that names its kind
 * and its row ("email:12", "phone:3", "app:1"). Unverified rows are not methods: they never receive
 * anything.
 */
export async function readAccountMethods(tx: Tx, accountId: number, authenticators: Authenticators | null): Promise<AccountMethods> {
  const contacts = await contactRows.verifiedWithIds(tx, accountId);
  const app = authenticators === null ? null : await authenticators.find(tx, accountId);
  const byKind = (kind: 'email' | 'phone') =>
    contacts.filter((contact) => contact.kind === kind).map((contact) => ({ id: `${kind}:${contact.id}`, kind, masked: maskContact(kind, contact.value), addedAt: contact.verifiedAt }));
  const methods: RegisteredMethod[] = [...byKind('email'), ...byKind('phone')];
  if (app !== null) methods.push({ id: `app:${app.id}`, kind: 'app', masked: '', addedAt: app.addedAt });
  return { methods, contacts, hasApp: app !== null };
}

/** "email:12" -> { kind: 'email', row: 12 }; the contract's schema has already checked the shape. */
export function parseMethodId(id: string): { kind: MethodKind; row: number } | null {
  const match = /^(email|phone|app):([0-9]{1,12})$/.exec(id);
  if (match === null) return null;
  return { kind: match[1] as MethodKind, row: Number(match[2]) };
}

/** The addresses notices go to: verified emails and mobiles, in full (main only). */
export function addressesOf(contacts: readonly VerifiedContact[]): { emails: string[]; phones: string[] } {
  return {
    emails: contacts.filter((contact) => contact.kind === 'email').map((contact) => contact.value),
    phones: contacts.filter((contact) => contact.kind === 'phone').map((contact) => contact.value),
  };
}
