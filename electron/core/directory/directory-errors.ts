import type { PolicyRuleCode } from '../../../shared/policy/rule-codes.js';
import { KioskFailure } from '../errors/kiosk-failure.js';

export type DirectoryUnavailableReason = 'unreachable' | 'timeout' | 'tls' | 'refused_login' | 'protocol';

/**
 * The organisation's directory cannot be used now: it does not answer, its certificate is not the
 * one configured, or it refused the kiosk's service account. The person is told "password services
 * are unavailable" (DIRECTORY_UNAVAILABLE). `maybeApplied` is true only when a write was sent and no
 * answer came back: the change may have happened, and recovery asks the directory later.
 */
export class DirectoryUnavailableError extends KioskFailure {
  override readonly name = 'DirectoryUnavailableError';
  constructor(
    readonly reason: DirectoryUnavailableReason,
    detail: string,
    readonly maybeApplied = false,
  ) {
    super('DIRECTORY_UNAVAILABLE', `directory unavailable (${reason}): ${detail}`);
  }
}

export function isDirectoryUnavailable(error: unknown): error is DirectoryUnavailableError {
  return error instanceof DirectoryUnavailableError;
}

/**
 * The directory refused a password the kiosk's own rules allowed (its history, quality or minimum-age
 * rules). Nothing changed; the person is told why in words and may choose another.
 */
export class DirectoryRefusedPasswordError extends Error {
  override readonly name = 'DirectoryRefusedPasswordError';
  constructor(
    readonly rules: PolicyRuleCode[],
    /** The directory's own reason, for the log (never the password). */
    readonly reason: string,
  ) {
    super(`directory refused the password: ${reason}`);
  }
}

export function isDirectoryRefusal(error: unknown): error is DirectoryRefusedPasswordError {
  return error instanceof DirectoryRefusedPasswordError;
}
