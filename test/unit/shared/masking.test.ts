import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhoneNumber } from '../../../shared/registration/masking.js';

describe('maskEmail', () => {
  it('shows the first and last character of the local part and the first of the domain name, with its suffix', () => {
    expect(maskEmail('amira.khan@homemail.example')).toBe('a•••n@h•••.example');
    expect(maskEmail('ben.okafor@mail.example')).toBe('b•••r@m•••.example');
  });

  it('shows the same run of dots whatever the length, so the mask does not tell the length', () => {
    expect(maskEmail('abc@x.example')).toBe('a•••c@x•••.example');
    expect(maskEmail('a-very-long-local-part-indeed@x.example')).toBe('a•••d@x•••.example');
  });

  it('gives away no more of a short local part than its first character, and nothing of a one-character one', () => {
    expect(maskEmail('jo@homemail.example')).toBe('j•••@h•••.example');
    expect(maskEmail('j@homemail.example')).toBe('•••@h•••.example');
  });

  it('hides subdomains with the rest of the name', () => {
    expect(maskEmail('pat@mail.cs.home.example')).toBe('p•••t@h•••.example');
    expect(maskEmail('pat@a.b.c.d.example')).toBe('p•••t@d•••.example');
  });

  it('keeps a country-code second level (co.uk, ac.nz) with its country', () => {
    expect(maskEmail('sam.lee@gmail.co.uk')).toBe('s•••e@g•••.co.uk');
    expect(maskEmail('sam.lee@uni.ac.nz')).toBe('s•••e@u•••.ac.nz');
    expect(maskEmail('sam.lee@mail.provider.com.au')).toBe('s•••e@p•••.com.au');
    // A two-label domain is never read as a bare second level.
    expect(maskEmail('sam.lee@co.uk')).toBe('s•••e@c•••.uk');
  });

  it('masks whole characters: accents written as two code points and emoji are never cut in half', () => {
    expect(maskEmail('e\u0301lodie@bücher.example')).toBe('e\u0301•••e@b•••.example');
    expect(maskEmail('zoë@почта.рф')).toBe('z•••ë@п•••.рф');
    expect(maskEmail('👩‍💻dev👍@home.example')).toBe('👩‍💻•••👍@h•••.example');
  });

  it('shows nothing of something that is not an address', () => {
    expect(maskEmail('no-at-sign')).toBe('•••@•••');
    expect(maskEmail('@home.example')).toBe('•••@•••');
    expect(maskEmail('pat@')).toBe('•••@•••');
    expect(maskEmail('pat@localhost')).toBe('p•••t@•••');
    expect(maskEmail('pat@home..example')).toBe('p•••t@•••');
  });

  it('never contains the local part or the domain name whole', () => {
    for (const address of ['amira.khan@homemail.example', 'xyz@abc.example', 'long.name@subdomain.home.example']) {
      const [local, domain] = address.split('@') as [string, string];
      const masked = maskEmail(address);
      expect(masked).not.toContain(local);
      expect(masked).not.toContain(domain.split('.')[0]);
    }
  });
});

describe('maskPhoneNumber', () => {
  it('shows the country code and the last three digits, in the grouping the person knows', () => {
    expect(maskPhoneNumber('+447700900321')).toBe('+44 •••• ••• 321');
    expect(maskPhoneNumber('+447400123456')).toBe('+44 •••• ••• 456');
  });

  it('masks numbers of many countries', () => {
    const cases: Array<[string, string]> = [
      ['+12015550123', '+1 ••• ••• • 123'],
      ['+33612345678', '+33 • •• •• • 678'],
      ['+4915123456789', '+49 •••• •••• 789'],
      ['+61412345678', '+61 ••• ••• 678'],
      ['+919876543210', '+91 ••••• •• 210'],
      ['+8613123456789', '+86 ••• •••• • 789'],
      ['+5511961234567', '+55 •• ••••• • 567'],
      ['+2348021234567', '+234 ••• ••• • 567'],
      ['+819012345678', '+81 •• •••• • 678'],
    ];
    for (const [number, masked] of cases) expect(maskPhoneNumber(number)).toBe(masked);
  });

  it('never shows more than three digits of the national number', () => {
    for (const number of ['+447700900321', '+12015550123', '+33612345678', '+4915123456789', '+61412345678', '+919876543210']) {
      const digits = maskPhoneNumber(number).replace(/^\+[0-9]+ /, '').replace(/[^0-9]/g, '');
      expect(digits).toBe(number.slice(-3));
    }
  });

  it('shows no digits of something that is not an international number', () => {
    for (const value of ['07400123456', 'not a number', '', '+44 12']) expect(maskPhoneNumber(value)).toBe('••• •••');
  });
});
