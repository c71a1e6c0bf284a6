import { BerWriter, ConstraintViolationError, ResultCodeError } from 'ldapts';
import type { PolicyRuleCode } from '../../../../shared/policy/rule-codes.js';
import { DirectoryRefusedPasswordError } from '../directory-errors.js';

/** RFC 3062 LDAP Password Modify extended operation. */
export const passwordModifyOid = '1.3.6.1.4.1.4203.1.11.1';

/**
 * PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0] OPTIONAL, oldPasswd [1] OPTIONAL,
 * newPasswd [2] OPTIONAL }: here the DN and the new password, no old one (a reset by the service
 * account, which the server's ppolicy still judges: history, quality, minimum age).
 */
export function passwordModifyRequest(dn: string, newPassword: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeString(dn, 0x80);
  writer.writeString(newPassword, 0x82);
  writer.endSequence();
  return writer.buffer;
}

// OpenLDAP 2.5 ppolicy's texts for code 19 (constraintViolation). ldapts appends " Code: 0x13" and
// the like, so these match anywhere in the message.
const refusals: Array<{ pattern: RegExp; rules: PolicyRuleCode[] }> = [
  { pattern: /in history/i, rules: ['reused'] },
  { pattern: /not being changed from existing value/i, rules: ['reused'] },
  { pattern: /too young|pwdMinAge/i, rules: ['too_recent'] },
  { pattern: /quality|too short|pwdMinLength/i, rules: ['directory_quality'] },
];

/**
 * The directory's refusal of a new password as the kiosk's rule codes, or null when `error` is not
 * a refusal (anything but code 19). An unrecognised code-19 text still counts as the directory's
 * own quality rules: the person can only try another password either way.
 */
export function refusalOf(error: unknown): DirectoryRefusedPasswordError | null {
  if (!(error instanceof ConstraintViolationError || (error instanceof ResultCodeError && error.code === 19))) return null;
  const reason = error.message.replace(/\s*Code: 0x[0-9a-f]+\s*$/i, '').trim() || 'constraint violation';
  const known = refusals.find((refusal) => refusal.pattern.test(reason));
  return new DirectoryRefusedPasswordError(known?.rules ?? ['directory_quality'], reason);
}
