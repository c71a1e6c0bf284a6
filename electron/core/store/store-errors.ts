import { KioskFailure } from '../errors/kiosk-failure.js';

/** Another writer held the database for longer than a step may wait: the person can simply try again. */
export class StoreBusyError extends KioskFailure {
  override readonly name = 'StoreBusyError';
  constructor(detail: string) {
    super('BUSY', `database busy: ${detail}`);
  }
}

/** The database cannot take writes at all (disk full, I/O error, server down): nothing was saved. */
export class StoreUnavailableError extends KioskFailure {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly reason: 'disk_full' | 'io_error' | 'read_only' | 'corrupt' | 'unreachable' | 'refused_login',
    detail: string,
  ) {
    super('UNAVAILABLE', `database unavailable (${reason}): ${detail}`);
  }
}

export type StoreErrorKind =
  | { kind: 'retry' }
  | { kind: 'busy' }
  | { kind: 'unavailable'; reason: StoreUnavailableError['reason'] }
  | { kind: 'other' };

interface DriverError {
  code?: unknown;
  message?: unknown;
}

/**
 * What a driver error means for the step that hit it. better-sqlite3 reports SQLite's extended
 * result codes as strings (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE...); node-postgres reports
 * SQLSTATE codes, or Node's socket codes when the server cannot be reached.
 */
export function classifyStoreError(error: unknown): StoreErrorKind {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as DriverError;
  const text = typeof code === 'string' ? code : '';
  if (/^SQLITE_(BUSY|LOCKED)/.test(text)) return { kind: 'retry' };
  if (text === 'SQLITE_FULL') return { kind: 'unavailable', reason: 'disk_full' };
  if (/^SQLITE_(IOERR|CANTOPEN)/.test(text)) return { kind: 'unavailable', reason: 'io_error' };
  if (/^SQLITE_READONLY/.test(text)) return { kind: 'unavailable', reason: 'read_only' };
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(text)) return { kind: 'unavailable', reason: 'corrupt' };
  // PostgreSQL: serialization failure and deadlock are the expected price of SERIALIZABLE.
  if (text === '40001' || text === '40P01') return { kind: 'retry' };
  // Lock not available, too many connections, and a statement cancelled by statement_timeout (stuck
  // behind another kiosk's lock for that long): the person may try again in a moment.
  if (text === '55P03' || text === '53300' || text === '57014') return { kind: 'busy' };
  if (text === '53100') return { kind: 'unavailable', reason: 'disk_full' };
  if (/^(08|57P)/.test(text) || /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND)$/.test(text)) {
    return { kind: 'unavailable', reason: 'unreachable' };
  }
  if (text === '28P01' || text === '28000') return { kind: 'unavailable', reason: 'refused_login' };
  if (typeof message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)) {
    return { kind: 'unavailable', reason: 'unreachable' };
  }
  return { kind: 'other' };
}

/** The error's code and first line for logs; driver messages name the failure, never the bound values. */
export function describeStoreError(error: unknown): string {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as DriverError;
  const first = typeof message === 'string' ? message.split('\n')[0]!.slice(0, 160) : 'unknown error';
  return typeof code === 'string' ? `${code}: ${first}` : first;
}
