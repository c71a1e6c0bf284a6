import type { ErrorCode } from '../../../shared/ipc/result.js';

/**
 * A failure the person at the kiosk must be told about in words (the database is busy, a service
 * is down) rather than "something went wrong". The IPC router turns it into `fail(kioskError)`;
 * its message names what failed for the log and never carries a value that was being processed.
 */
export class KioskFailure extends Error {
  constructor(
    readonly kioskError: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isKioskFailure(error: unknown): error is KioskFailure {
  return error instanceof KioskFailure;
}
