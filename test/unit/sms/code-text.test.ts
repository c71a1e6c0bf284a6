import { describe, expect, it } from 'vitest';
import { findAutoLinkableText, findUrls } from '../../../electron/core/mail/find-urls.js';
import { MailInputError } from '../../../electron/core/mail/mail-errors.js';
import { gsm7Segments } from '../../../electron/core/sms/gsm7.js';
import { codeText } from '../../../electron/core/sms/text-templates.js';

const fortyCharacterName = 'Northfield University of Applied Science';

describe('the text message that carries a code', () => {
  it('names the organisation, gives the code and how long it works, and says never to share it', () => {
    expect(codeText({ organisationName: 'Example University', code: '04821377', ttlMinutes: 10 })).toBe(
      'Example University password reset code: 04821377\nIt works for 10 minutes, once. Never share this code.',
    );
    expect(codeText({ organisationName: 'Example University', code: '048213', ttlMinutes: 1 })).toContain('It works for 1 minute, once.');
  });

  it('fits one GSM-7 segment with an 8-digit code, a 10-minute lifetime and a 40-character name', () => {
    expect(fortyCharacterName).toHaveLength(40);
    const text = codeText({ organisationName: fortyCharacterName, code: '12345678', ttlMinutes: 10 });
    expect(text.startsWith(`${fortyCharacterName} `)).toBe(true);
    expect(gsm7Segments(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('keeps every name of up to 72 characters whole, with the longest code and lifetime, in one segment', () => {
    for (let length = 1; length <= 72; length += 1) {
      const name = 'Northfield University of the Arts, Science, Technology and Medicine ltd'.padEnd(72, 'x').slice(0, length).trimEnd() || 'N';
      const text = codeText({ organisationName: name, code: '1234567890', ttlMinutes: 1440 });
      expect(text.startsWith(`${name} password reset code: 1234567890\n`), name).toBe(true);
      expect(gsm7Segments(text).segments, name).toBe(1);
    }
  });

  it('shortens a longer name in the text only, at a word boundary, keeping the code and the warning', () => {
    const name = 'The Royal Northfield University of Science, Technology and the Creative Arts in the North of England';
    const text = codeText({ organisationName: name, code: '12345678', ttlMinutes: 10 });
    expect(gsm7Segments(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
    const shown = text.slice(0, text.indexOf(' password reset code: '));
    expect(name.startsWith(shown)).toBe(true);
    expect(shown.length).toBeLessThan(name.length);
    expect(name[shown.length] === ' ' || name[shown.length] === ',').toBe(true);
    expect(text).toContain('12345678');
    expect(text.endsWith('Never share this code.')).toBe(true);
  });

  it('cuts a single very long word where it must', () => {
    const text = codeText({ organisationName: 'N'.repeat(120), code: '12345678', ttlMinutes: 10 });
    expect(gsm7Segments(text)).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
  });

  it('with a name outside GSM-7, goes as UCS-2 in at most two segments', () => {
    const text = codeText({ organisationName: 'Uniwersytet Łódzki', code: '12345678', ttlMinutes: 10 });
    expect(text.startsWith('Uniwersytet Łódzki ')).toBe(true);
    expect(gsm7Segments(text)).toMatchObject({ encoding: 'ucs2', segments: 2 });
    const long = codeText({ organisationName: 'Ł'.repeat(120), code: '12345678', ttlMinutes: 10 });
    expect(gsm7Segments(long).segments).toBe(2);
  });

  it('holds no link, web address or email address', () => {
    const text = codeText({ organisationName: fortyCharacterName, code: '12345678', ttlMinutes: 10 });
    expect(findUrls(text)).toEqual([]);
    expect(findAutoLinkableText(text)).toEqual([]);
  });

  it('refuses a name a phone would turn into a link, or one with a line break, naming the key', () => {
    for (const organisationName of ['northfield.ac.uk', 'Northfield (it@northfield.ac.uk)', 'see https://x.example/reset', 'North\nfield']) {
      expect(() => codeText({ organisationName, code: '12345678', ttlMinutes: 10 }), organisationName).toThrow(MailInputError);
      expect(() => codeText({ organisationName, code: '12345678', ttlMinutes: 10 })).toThrow(/^branding\.organisationName: /);
    }
  });

  it('refuses a code that is not 4 to 10 digits and a lifetime outside 1 to 1440 minutes', () => {
    expect(() => codeText({ organisationName: 'X', code: '12a456', ttlMinutes: 10 })).toThrow('code: must be 4 to 10 digits');
    expect(() => codeText({ organisationName: 'X', code: '12345678901', ttlMinutes: 10 })).toThrow('code: must be 4 to 10 digits');
    expect(() => codeText({ organisationName: 'X', code: '123456', ttlMinutes: 0 })).toThrow(/^ttlMinutes: /);
    expect(() => codeText({ organisationName: 'X', code: '123456', ttlMinutes: 1.5 })).toThrow(/^ttlMinutes: /);
  });
});
