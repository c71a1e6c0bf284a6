import { ResultCodeError } from 'ldapts';
import type { SignInOutcome } from '../../ports.js';
import type { PolicyRuleCode } from '../../../../shared/policy/rule-codes.js';
import { DirectoryRefusedPasswordError } from '../directory-errors.js';

/**
 * What an Active Directory bind error means for a sign-in. AD (and Samba) put the Windows reason in
 * the diagnostic message of resultCode 49 as `data XXX` (hex):
 * - 52e: wrong password (also for a disabled account when the password is wrong: verified on Samba 4.17);
 * - 775: locked out. AD says so whatever password was typed, so "locked" here does not prove the
 *   password was right: the kiosk's unlock journey verifies the person by other means anyway;
 * - 533: disabled (only with the right password);
 * - 532 / 701 (expired) and 773 (must change at next logon): the password *was* right, the directory
 *   only refuses a session with it. The kiosk exists to replace it, so these count as 'ok' and the
 *   person goes on to "change your password".
 * Anything else (logon hours 530, workstation 531, an unknown code) is not a proof of the password:
 * 'wrong', which is what a person could do nothing about anyway.
 */
export function signInOutcomeOf(error: ResultCodeError | null): SignInOutcome {
  if (error === null) return 'ok';
  switch (windowsReasonOf(error)) {
    case '775':
      return 'locked';
    case '533':
      return 'disabled';
    case '532':
    case '701':
    case '773':
      return 'ok';
    default:
      return 'wrong';
  }
}

/** The `data XXX` code of an AD bind error, lower case; undefined when there is none. */
export function windowsReasonOf(error: ResultCodeError): string | undefined {
  if (error.code !== 49) return undefined;
  return /\bdata ([0-9a-f]{3,8})\b/i.exec(error.message)?.[1]?.toLowerCase();
}

/**
 * A refused password write as the kiosk's refusal, or undefined when `error` is something else.
 * AD answers constraintViolation (19; Windows also unwillingToPerform, 53) with 0000052D
 * (ERROR_PASSWORD_RESTRICTION). Samba names the rule in words; Windows does not, and then it is
 * 'directory_quality'. The reason is for the log: the directory's own text never holds the password.
 */
export function passwordRefusalOf(error: unknown): DirectoryRefusedPasswordError | undefined {
  if (!(error instanceof ResultCodeError) || ![19, 53].includes(error.code)) return undefined;
  const text = error.message.replace(/\s*Code: 0x[0-9a-f]+\s*$/i, '').split('\n')[0]!.trim();
  if (error.code === 53 && !/0000052D/i.test(text)) return undefined;
  const [rule, why]: [PolicyRuleCode, string] = /already used|history/i.test(text)
    ? ['reused', 'in the directory password history']
    : /too young|minimum password age/i.test(text)
      ? ['too_recent', 'changed too recently for the directory minimum password age']
      : /too short/i.test(text)
        ? ['directory_quality', 'too short for the directory minimum length']
        : /complexity/i.test(text)
          ? ['directory_quality', 'fails the directory complexity rule']
          : ['directory_quality', 'fails the directory password policy'];
  return new DirectoryRefusedPasswordError([rule], `${why} (${text.slice(0, 200)})`);
}

/** Windows FILETIME (100 ns since 1601-01-01 UTC), as AD stores pwdLastSet, to a Date; 0 and absent are null. */
export function dateOfFileTime(value: string | undefined): Date | null {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  const ticks = BigInt(value);
  if (ticks === 0n) return null;
  const epochOffsetMs = 11_644_473_600_000n;
  return new Date(Number(ticks / 10_000n - epochOffsetMs));
}
