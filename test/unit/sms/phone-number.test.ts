import { describe, expect, it } from 'vitest';
import { isE164, maskPhoneNumber, parsePhoneNumber } from '../../../electron/core/sms/phone-number.js';

// Numbers from libphonenumber's own mobile examples: they are valid mobiles in its metadata.
const ukMobile = '+447400123456';

describe('parsing a phone number as a person types it', () => {
  it.each([
    ['07400 123456', 'GB'],
    ['07400123456', 'GB'],
    ['07400-123-456', 'GB'],
    ['(07400) 123 456', 'GB'],
    ['+44 7400 123456', 'GB'],
    ['+44 (0)7400 123456', 'GB'],
    ['0044 7400 123456', 'GB'],
    ['011 44 7400 123456', 'US'],
    ['+44 7400 123456', 'US'],
    [' +447400123456 ', 'DE'],
  ])('reads %j (default region %s) as the UK mobile +447400123456', (input, region) => {
    expect(parsePhoneNumber(input, region)).toEqual({
      ok: true,
      e164: ukMobile,
      countryCallingCode: '44',
      nationalNumber: '7400123456',
      region: 'GB',
    });
  });

  it('reads US numbers in their usual forms with default region US, and with +1 from anywhere', () => {
    for (const [input, region] of [
      ['(201) 555-0123', 'US'],
      ['201.555.0123', 'US'],
      ['1 201 555 0123', 'US'],
      ['+1 201-555-0123', 'GB'],
    ] as const) {
      expect(parsePhoneNumber(input, region), input).toMatchObject({ ok: true, e164: '+12015550123', countryCallingCode: '1', region: 'US' });
    }
  });

  it('reads other countries’ mobiles written internationally', () => {
    expect(parsePhoneNumber('+33 6 12 34 56 78', 'GB')).toMatchObject({ ok: true, e164: '+33612345678', region: 'FR' });
    expect(parsePhoneNumber('+49 1512 3456789', 'GB')).toMatchObject({ ok: true, e164: '+4915123456789', region: 'DE' });
    expect(parsePhoneNumber('+353 85 012 3456', 'GB')).toMatchObject({ ok: true, e164: '+353850123456', region: 'IE' });
  });

  it('uses the default region for national numbers: the same digits mean different numbers', () => {
    expect(parsePhoneNumber('06 12 34 56 78', 'FR')).toMatchObject({ ok: true, e164: '+33612345678' });
    expect(parsePhoneNumber('06 12 34 56 78', 'GB')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('says a number is too short or too long when the length alone rules it out', () => {
    expect(parsePhoneNumber('12', 'GB')).toEqual({ ok: false, reason: 'too_short' });
    expect(parsePhoneNumber('+44 7400 123456 789', 'GB')).toEqual({ ok: false, reason: 'too_long' });
  });

  it('says invalid for text, an unknown country code, ranges no phone has, an extension, and empty or huge input', () => {
    for (const input of ['hello', '+999 123 456', '+44 7700 900123', '07400 12345', '+44 7400 123456 ext. 12', '', '   ', '+', `+44 ${'1'.repeat(80)}`]) {
      expect(parsePhoneNumber(input, 'GB'), input).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(parsePhoneNumber(undefined, 'GB')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses numbers that certainly cannot take a text (landline, freephone, premium, UK 070 personal numbers)', () => {
    for (const input of ['020 7946 0000', '0800 123 4567', '+44 909 876 5432', '070 1234 5678', '+1 800 555 0199']) {
      expect(parsePhoneNumber(input, 'GB'), input).toEqual({ ok: false, reason: 'not_mobile' });
    }
  });

  it('accepts North American numbers although the plan cannot tell mobile from landline there', () => {
    expect(parsePhoneNumber('+1 212 555 0123', 'US')).toMatchObject({ ok: true, e164: '+12125550123' });
  });

  it('with an unknown default region, still reads international numbers and refuses national ones', () => {
    expect(parsePhoneNumber('+44 7400 123456', 'XX')).toMatchObject({ ok: true, e164: ukMobile });
    expect(parsePhoneNumber('07400 123456', 'XX')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('E.164 senders', () => {
  it('accepts a valid number written exactly in E.164, of any type, and nothing else', () => {
    expect(isE164('+447400123456')).toBe(true);
    expect(isE164('+442079460000')).toBe(true);
    expect(isE164('+44 7400 123456')).toBe(false);
    expect(isE164('07400123456')).toBe(false);
    expect(isE164('+447700900123')).toBe(false);
  });
});

describe('masking a number for the screen', () => {
  it('shows the country code and the last three digits, keeping the number’s grouping', () => {
    expect(maskPhoneNumber('+447400123456')).toBe('+44 •••• ••• 456');
    expect(maskPhoneNumber('+12015550123')).toBe('+1 ••• ••• • 123');
    expect(maskPhoneNumber('+33612345678')).toBe('+33 • •• •• • 678');
    expect(maskPhoneNumber('+4915123456789')).toBe('+49 •••• •••• 789');
  });

  it('never shows more than the country code and three digits', () => {
    for (const number of ['+447400123456', '+12015550123', '+33612345678', '+353850123456', '+918123456789']) {
      const masked = maskPhoneNumber(number);
      const [countryCode, ...rest] = masked.split(' ');
      expect(number.startsWith(countryCode!)).toBe(true);
      expect(rest.join('').replace(/•/g, '')).toBe(number.slice(-3));
      expect(rest.join('').length).toBe(number.length - countryCode!.length);
    }
  });

  it('shows no digit at all for something that is not an international number', () => {
    for (const value of ['07400123456', 'not a number', '', '+44 12']) expect(maskPhoneNumber(value)).toBe('••• •••');
  });
});
