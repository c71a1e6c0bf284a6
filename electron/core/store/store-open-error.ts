import { classifyStoreError, describeStoreError } from './store-errors.js';

/**
 * The kiosk cannot start on this database. The message is the one line an operator reads at
 * start-up: what could not be done, why in words, and the driver's own code.
 */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';

  static from(error: unknown, what: string): StoreOpenError {
    if (error instanceof StoreOpenError) return error;
    const meaning = classifyStoreError(error);
    const why =
      meaning.kind === 'unavailable'
        ? {
            disk_full: 'the disk is full',
            io_error: 'the file or its folder cannot be read or written',
            read_only: 'it is read-only',
            corrupt: 'it is damaged or not a database (restore it from a backup, or move it aside to start afresh)',
            unreachable: 'the database server cannot be reached',
            refused_login: 'the database server refused the login (check the user name and password)',
          }[meaning.reason]
        : meaning.kind === 'retry' || meaning.kind === 'busy'
          ? 'another program holds it locked'
          : null;
    return new StoreOpenError(`${what}${why === null ? '' : `: ${why}`} (${describeStoreError(error)})`);
  }
}
