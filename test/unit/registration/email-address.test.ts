import { describe, expect, it } from 'vitest';
import { judgeEmailAddress, sameEmailAddress } from '../../../electron/core/journeys/registration/email-address.js';

const blocked = ['northfield.example', 'staff.northfield-hospital.example'];
const judge = (typed: string) => judgeEmailAddress(typed, blocked);

describe('a personal email address as typed at the kiosk', () => {
  it('accepts ordinary addresses, keeping the local part as typed and the domain in lower case', () => {
    expect(judge('  Amira.Khan@HomeMail.example ')).toEqual({ ok: true, address: 'Amira.Khan@homemail.example', asciiDomain: 'homemail.example' });
    expect(judge("o'brien+kiosk@mail.co.uk")).toMatchObject({ ok: true, address: "o'brien+kiosk@mail.co.uk" });
  });

  it('accepts an internationalised domain and judges it in its ASCII form', () => {
    expect(judge('zoe@bücher.example')).toEqual({ ok: true, address: 'zoe@bücher.example', asciiDomain: 'xn--bcher-kva.example' });
  });

  it('refuses what is not an address a relay delivers to', () => {
    for (const typed of [
      'no-at-sign',
      '@home.example',
      'pat@',
      'pat@localhost',
      'pat@home..example',
      'pat..lee@home.example',
      '.pat@home.example',
      'pat lee@home.example',
      '"pat lee"@home.example',
      'zoë@home.example',
      'pat@[192.0.2.1]',
      'pat@192.0.2.1',
      'pat@-home.example',
      'pat@home.e',
      `${'a'.repeat(65)}@home.example`,
      `pat@${'a'.repeat(250)}.example`,
      'pat@home.example@other.example',
    ]) {
      expect(judge(typed), typed).toEqual({ ok: false, problem: 'EMAIL_INVALID' });
    }
  });

  it("refuses the organisation's own domains and their subdomains, in any case", () => {
    for (const typed of ['amira@northfield.example', 'amira@NorthField.Example', 'amira@mail.northfield.example', 'amira@a.b.staff.northfield-hospital.example']) {
      expect(judge(typed), typed).toEqual({ ok: false, problem: 'EMAIL_DOMAIN_BLOCKED' });
    }
  });

  it('does not refuse a domain that only ends with the same letters', () => {
    expect(judge('amira@notnorthfield.example')).toMatchObject({ ok: true });
    expect(judge('amira@northfield-hospital.example')).toMatchObject({ ok: true });
  });

  it('compares two typings without regard to case', () => {
    expect(sameEmailAddress('Amira@Home.example', 'amira@home.example')).toBe(true);
    expect(sameEmailAddress('amira@home.example', 'amlra@home.example')).toBe(false);
  });
});
