import { describe, expect, it } from 'vitest';
import { MailInputError } from '../../../electron/core/mail/mail-errors.js';
import { methodNoticeEmail, type MethodNoticeInput } from '../../../electron/core/mail/method-notice.js';
import { codeEmail, findAutoLinkableText, findUrls } from '../../../electron/core/mail/templates.js';
import { renderNotice, renderNoticeText } from '../../../electron/core/notifications/notices.js';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { methodNoticeText } from '../../../electron/core/sms/method-notice-text.js';
import { gsm7Segments } from '../../../electron/core/sms/gsm7.js';
import { asRead, branding, visibleText } from './mail-fixtures.js';

const when = new Date('2026-07-01T12:34:00Z');
const notice = (overrides: Partial<MethodNoticeInput> = {}) =>
  methodNoticeEmail({
    kind: 'method_added',
    branding,
    username: 'jdoe42',
    method: 'email',
    masked: 'a•••n@h•••.example',
    when,
    kioskId: 'kiosk-7',
    kioskLocation: 'Main Library, level 1',
    timeZone: 'Europe/London',
    ...overrides,
  });

function expectNoLinkAnywhere(message: { subject: string; text: string; html: string }) {
  expect(findUrls(message.subject)).toEqual([]);
  expect(findUrls(message.text)).toEqual([]);
  expect(findUrls(message.html)).toEqual([]);
  expect(message.html).not.toMatch(/<a[\s>]/i);
  expect(findAutoLinkableText(visibleText(message.html))).toEqual([]);
}

describe('the notice of a change to reset methods (email)', () => {
  it('names the change masked, the account, when and where, and whom to call if it was not them', () => {
    const message = notice();
    expect(message.subject).toBe('A way to reset your Example University password was added');
    for (const body of [message.text, asRead(message.html)]) {
      expect(body).toContain('A personal email address (a•••n@h•••.example) was added to the account jdoe42 for password reset and sign-in codes.');
      expect(body).toContain("someone who signed in with the account's password");
      expect(body).toContain('Wednesday, July 1, 2026 at 1:34 PM GMT+1');
      expect(body).toContain('Main Library, level 1');
      expect(body).toContain('kiosk-7');
      expect(body).toContain('If this was not you, contact the IT Service Desk straight away');
      expect(body).toContain('+44 20 7946 0000');
    }
    expectNoLinkAnywhere(message);
  });

  it('words every change of every kind, link-free', () => {
    const cases: Array<[Partial<MethodNoticeInput>, string, string]> = [
      [{ kind: 'method_added', method: 'phone', masked: '+44 •••• ••• 321' }, 'was added', 'A mobile number (+44 •••• ••• 321) was added to the account jdoe42'],
      [{ kind: 'method_added', method: 'app', masked: '' }, 'was added', 'An authenticator app was added to the account jdoe42'],
      [{ kind: 'method_replaced', method: 'email', masked: 'b•••@n•••.example', replacesMasked: 'a•••n@h•••.example' }, 'was changed', 'The personal email address a•••n@h•••.example of the account jdoe42 was replaced by b•••@n•••.example.'],
      [{ kind: 'method_replaced', method: 'phone', masked: '+44 •••• ••• 999', replacesMasked: '+44 •••• ••• 321' }, 'was changed', 'The mobile number +44 •••• ••• 321 of the account jdoe42 was replaced by +44 •••• ••• 999.'],
      [{ kind: 'method_replaced', method: 'app', masked: '', replacesMasked: '' }, 'was changed', 'The authenticator app of the account jdoe42 was replaced by a new one.'],
      [{ kind: 'method_removed', method: 'email' }, 'was removed', 'A personal email address (a•••n@h•••.example) was removed from the account jdoe42: it will no longer receive codes.'],
      [{ kind: 'method_removed', method: 'app', masked: '' }, 'was removed', 'An authenticator app was removed from the account jdoe42'],
    ];
    for (const [overrides, subject, sentence] of cases) {
      const message = notice(overrides);
      expect(message.subject).toContain(subject);
      expect(message.text).toContain(sentence);
      expectNoLinkAnywhere(message);
    }
  });

  it('refuses an unknown kind, and a value that would carry a link or forge a line', () => {
    expect(() => notice({ kind: 'method_stolen' as 'method_added' })).toThrow(MailInputError);
    expect(() => notice({ method: 'fax' as 'email' })).toThrow(MailInputError);
    expect(() => notice({ masked: 'see https://evil.example/x' })).toThrow(MailInputError);
    expect(() => notice({ username: 'jdoe\nBcc: x' })).toThrow(MailInputError);
  });
});

describe('the notice of a change to reset methods (text message)', () => {
  const text = (overrides: Partial<Parameters<typeof methodNoticeText>[0]> = {}) =>
    methodNoticeText({
      kind: 'method_added',
      method: 'phone',
      masked: '+44 •••• ••• 321',
      organisationName: 'Example University',
      when,
      deskName: 'IT Service Desk',
      deskPhone: '020 7946 0000',
      timeZone: 'Europe/London',
      ...overrides,
    });

  it('names a mobile by its last three digits, an email or app by kind alone, in GSM-7 and at most two segments', () => {
    expect(text()).toBe('Example University: a mobile number ending in 321 was added to your account at a kiosk on Jul 1, 1:34 PM. Not you? Call the IT Service Desk on 020 7946 0000.');
    expect(text({ kind: 'method_removed', method: 'email', masked: 'a•••n@h•••.example' })).toBe(
      'Example University: an email address was removed from your account at a kiosk on Jul 1, 1:34 PM. Not you? Call the IT Service Desk on 020 7946 0000.',
    );
    expect(text({ kind: 'method_replaced', method: 'app', masked: '' })).toContain('the authenticator app was changed on your account');
    for (const kind of ['method_added', 'method_replaced', 'method_removed'] as const) {
      for (const method of ['email', 'phone', 'app'] as const) {
        const body = text({ kind, method, organisationName: 'The Very Long Name of an Example University and Its Colleges' });
        expect(gsm7Segments(body)).toMatchObject({ encoding: 'gsm7' });
        expect(gsm7Segments(body).segments).toBeLessThanOrEqual(2);
        expect(findUrls(body)).toEqual([]);
        expect(findAutoLinkableText(body)).toEqual([]);
      }
    }
  });

  it('refuses an unknown kind', () => {
    expect(() => text({ kind: 'method_stolen' as 'method_added' })).toThrow(MailInputError);
  });
});

describe('method notices from the outbox', () => {
  const config = createDemoConfig('/nonexistent');
  const payload = { username: 'jdoe42', at: when.toISOString(), kioskId: 'kiosk-7', kioskLocation: 'Main Library', method: 'phone', masked: '+44 •••• ••• 321' };

  it('renders from the stored payload alone, by email and by text', () => {
    expect(renderNotice('method_added', JSON.stringify(payload), config).text).toContain('A mobile number (+44 •••• ••• 321) was added to the account jdoe42');
    expect(renderNoticeText('method_removed', JSON.stringify(payload), config)).toContain('a mobile number ending in 321 was removed from your account');
  });

  it('refuses a payload that is not one of its own (an extra field, an unknown method)', () => {
    expect(() => renderNotice('method_added', JSON.stringify({ ...payload, secret: 'x' }), config)).toThrow();
    expect(() => renderNotice('method_added', JSON.stringify({ ...payload, method: 'fax' }), config)).toThrow();
  });
});

describe('the code email for a new address', () => {
  it('says what the code is for and what happens if it was not them, link-free', () => {
    const message = codeEmail({ branding, code: '12345678', ttlMinutes: 10, purpose: 'register' });
    expect(message.subject).toBe('Confirm this email address for your Example University account');
    expect(message.text).toContain('asked to add this email address for password reset and sign-in codes');
    expect(message.text).toContain('without it, this address is not added');
    expect(message.text).toMatch(/^ {4}12345678$/m);
    expectNoLinkAnywhere(message);
  });
});
