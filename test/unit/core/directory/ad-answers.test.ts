import { ConstraintViolationError, InvalidCredentialsError, UnwillingToPerformError, InsufficientAccessError } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { dateOfFileTime, passwordRefusalOf, signInOutcomeOf, windowsReasonOf } from '../../../../electron/core/directory/active-directory/ad-answers.js';
import { DirectoryRefusedPasswordError } from '../../../../electron/core/directory/directory-errors.js';

// The texts are AD's and Samba 4.17's own, as ldapts hands them over (its error classes append " Code: 0x..").
const bindError = (data: string) => new InvalidCredentialsError(`80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data ${data}, v1db1`);
const sambaRefusal = (words: string) => new ConstraintViolationError(`0000052D: Constraint violation - check_password_restrictions: ${words}`);

describe('signInOutcomeOf', () => {
  it('reads the Windows reason in an AD bind error', () => {
    expect(signInOutcomeOf(null)).toBe('ok');
    expect(signInOutcomeOf(bindError('52e'))).toBe('wrong');
    expect(signInOutcomeOf(bindError('775'))).toBe('locked');
    expect(signInOutcomeOf(bindError('533'))).toBe('disabled');
  });

  it('counts expired (532, 701) and must-change (773) as the right password, so the kiosk can replace it', () => {
    for (const data of ['532', '701', '773']) expect(signInOutcomeOf(bindError(data)), data).toBe('ok');
  });

  it('takes anything else (logon hours, workstation, no reason, another code) as wrong', () => {
    expect(signInOutcomeOf(bindError('530'))).toBe('wrong');
    expect(signInOutcomeOf(bindError('531'))).toBe('wrong');
    expect(signInOutcomeOf(new InvalidCredentialsError(''))).toBe('wrong');
    expect(windowsReasonOf(new InsufficientAccessError('data 775'))).toBeUndefined();
    expect(windowsReasonOf(bindError('52E'))).toBe('52e');
  });
});

describe('passwordRefusalOf', () => {
  const refusal = (error: unknown) => {
    const result = passwordRefusalOf(error);
    expect(result).toBeInstanceOf(DirectoryRefusedPasswordError);
    return result!;
  };

  it('names history and minimum age, and everything else is the directory quality rule', () => {
    expect(refusal(sambaRefusal('the password was already used (in history)!')).rules).toEqual(['reused']);
    expect(refusal(sambaRefusal('the password was already used (previous password)!')).rules).toEqual(['reused']);
    expect(refusal(sambaRefusal('password is too young to change!')).rules).toEqual(['too_recent']);
    const short = refusal(sambaRefusal('the password is too short. It should be equal or longer than 14 characters!'));
    expect(short.rules).toEqual(['directory_quality']);
    expect(short.reason).toMatch(/^too short .*\(0000052D: .*14 characters!\)$/);
    expect(refusal(sambaRefusal('the password does not meet the complexity criteria!')).reason).toMatch(/complexity/);
  });

  it('reads Windows AD answers, which name no rule', () => {
    const windows = new UnwillingToPerformError('0000052D: SvcErr: DSID-031A1248, problem 5003 (WILL_NOT_PERFORM), data 0\n');
    expect(refusal(windows).rules).toEqual(['directory_quality']);
    expect(refusal(new ConstraintViolationError('0000052D: AtrErr: DSID-03191083, #1:\n\t0: 0000052D: DSID-03191083, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 9005a (unicodePwd)')).rules).toEqual(['directory_quality']);
  });

  it('leaves other errors alone', () => {
    expect(passwordRefusalOf(new UnwillingToPerformError('00002077: SvcErr: DSID-03190F4C, problem 5003 (WILL_NOT_PERFORM)'))).toBeUndefined();
    expect(passwordRefusalOf(new InsufficientAccessError('00002098: no write property access'))).toBeUndefined();
    expect(passwordRefusalOf(new Error('socket hang up'))).toBeUndefined();
  });
});

describe('dateOfFileTime', () => {
  it('converts AD pwdLastSet (100 ns since 1601) to a Date; 0 (must change) and junk are null', () => {
    expect(dateOfFileTime('116444736000000000')).toEqual(new Date(0));
    expect(dateOfFileTime('134404663180529970')?.toISOString()).toBe('2026-11-29T22:51:58.052Z');
    expect(dateOfFileTime('0')).toBeNull();
    expect(dateOfFileTime(undefined)).toBeNull();
    expect(dateOfFileTime('-1')).toBeNull();
  });
});
