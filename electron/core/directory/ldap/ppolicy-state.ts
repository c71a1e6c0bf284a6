/**
 * The ppolicy overlay's view of an account (draft-behera-ldap-password-policy as OpenLDAP 2.5 keeps
 * it), read from operational attributes, which a server returns only when they are asked for by name.
 */
export const ppolicyAttributes = ['pwdAccountLockedTime', 'pwdFailureTime', 'pwdChangedTime'] as const;

/** pwdAccountLockedTime's special value: locked by an administrator until an administrator unlocks it. */
export const administrativeLockMarker = '000001010000Z';

export interface LockState {
  /** Locked by an administrator (the marker): the kiosk's "disabled". */
  disabled: boolean;
  /** Locked after too many wrong passwords, and the lockout duration has not yet passed. */
  locked: boolean;
  /** A pwdAccountLockedTime is present (whether or not it still holds). */
  lockedTimeSet: boolean;
  /** pwdFailureTime values are present: wrong passwords the overlay still counts. */
  failuresCounted: boolean;
}

/**
 * @param lockoutSeconds the policy's pwdLockoutDuration; 0 or unknown means a lock holds until it is cleared.
 */
export function lockStateOf(lockedTime: string | undefined, failures: number, lockoutSeconds: number | undefined, now: Date): LockState {
  const failuresCounted = failures > 0;
  if (lockedTime === undefined) return { disabled: false, locked: false, lockedTimeSet: false, failuresCounted };
  if (lockedTime === administrativeLockMarker) return { disabled: true, locked: false, lockedTimeSet: true, failuresCounted };
  const at = parseGeneralizedTime(lockedTime);
  const endless = lockoutSeconds === undefined || lockoutSeconds <= 0 || at === null;
  const locked = endless || now.getTime() < at.getTime() + lockoutSeconds * 1000;
  return { disabled: false, locked, lockedTimeSet: true, failuresCounted };
}

/** GeneralizedTime as ppolicy writes it (YYYYMMDDHHMMSS[.fraction]Z, UTC); null for anything else. */
export function parseGeneralizedTime(value: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d{1,9}))?Z$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction] = match;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms));
  return Number.isNaN(date.getTime()) ? null : date;
}
