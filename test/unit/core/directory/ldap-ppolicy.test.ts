import { ConstraintViolationError, InsufficientAccessError } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { passwordModifyRequest, refusalOf } from '../../../../electron/core/directory/ldap/password-modify.js';
import { lockStateOf, parseGeneralizedTime } from '../../../../electron/core/directory/ldap/ppolicy-state.js';

describe('RFC 3062 Password Modify request', () => {
  it('is a SEQUENCE of [0] userIdentity and [2] newPasswd, with no old password', () => {
    expect(passwordModifyRequest('uid=a', 'pw')).toEqual(Buffer.from([0x30, 0x0b, 0x80, 0x05, ...Buffer.from('uid=a'), 0x82, 0x02, ...Buffer.from('pw')]));
  });

  it('writes the password as UTF-8 and long values with long-form lengths', () => {
    const dn = `uid=${'x'.repeat(150)},ou=people,dc=kiosk,dc=test`;
    const request = passwordModifyRequest(dn, 'Pässwörd-ünïcode');
    const dnBytes = Buffer.from(dn);
    const passwordBytes = Buffer.from('Pässwörd-ünïcode', 'utf8');
    expect(passwordBytes.length).toBeGreaterThan('Pässwörd-ünïcode'.length);
    const inner = Buffer.concat([Buffer.from([0x80, 0x81, dnBytes.length]), dnBytes, Buffer.from([0x82, passwordBytes.length]), passwordBytes]);
    expect(request).toEqual(Buffer.concat([Buffer.from([0x30, 0x81, inner.length]), inner]));
  });
});

describe('ppolicy refusals', () => {
  // ldapts appends " Code: 0x13" to the server's text itself.
  const refused = (text: string) => refusalOf(new ConstraintViolationError(text));

  it('maps OpenLDAP 2.5 texts to the kiosk rule codes and keeps the text without ldapts\' suffix', () => {
    expect(refused('Password is in history of old passwords')).toMatchObject({ rules: ['reused'], reason: 'Password is in history of old passwords' });
    expect(refused('Password is not being changed from existing value')?.rules).toEqual(['reused']);
    expect(refused('Password fails quality checking policy')?.rules).toEqual(['directory_quality']);
    expect(refused('Password is too young to change')?.rules).toEqual(['too_recent']);
    expect(refused('something else entirely')).toMatchObject({ rules: ['directory_quality'], reason: 'something else entirely' });
  });

  it('is not a refusal for any other answer', () => {
    expect(refusalOf(new InsufficientAccessError('no write access'))).toBeNull();
    expect(refusalOf(new Error('Password is in history'))).toBeNull();
  });
});

describe('lock state', () => {
  const now = new Date('2026-11-29T12:00:00Z');

  it('reads GeneralizedTime with and without fractions, and nothing else', () => {
    expect(parseGeneralizedTime('20261129115500Z')).toEqual(new Date('2026-11-29T11:55:00Z'));
    expect(parseGeneralizedTime('20261129115500.123456Z')).toEqual(new Date('2026-11-29T11:55:00.123Z'));
    expect(parseGeneralizedTime('2026-11-29T11:55:00Z')).toBeNull();
    expect(parseGeneralizedTime('20261129115500')).toBeNull();
  });

  it('tells the administrator\'s marker (disabled) from a lock after failures, which ends after the duration', () => {
    expect(lockStateOf(undefined, 0, 1800, now)).toEqual({ disabled: false, locked: false, lockedTimeSet: false, failuresCounted: false });
    expect(lockStateOf(undefined, 3, 1800, now)).toMatchObject({ locked: false, failuresCounted: true });
    expect(lockStateOf('000001010000Z', 0, 1800, now)).toMatchObject({ disabled: true, locked: false, lockedTimeSet: true });
    expect(lockStateOf('20261129115500Z', 5, 1800, now)).toMatchObject({ disabled: false, locked: true });
    expect(lockStateOf('20261129112959Z', 5, 1800, now)).toMatchObject({ locked: false, lockedTimeSet: true });
  });

  it('takes a lock as lasting until cleared when the duration is 0 or unknown', () => {
    expect(lockStateOf('20200101000000Z', 5, 0, now).locked).toBe(true);
    expect(lockStateOf('20200101000000Z', 5, undefined, now).locked).toBe(true);
  });
});
