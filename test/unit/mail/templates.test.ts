import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MailInputError } from '../../../electron/core/mail/mail-errors.js';
import {
  assertMailBranding,
  codeEmail,
  findAutoLinkableText,
  findUrls,
  resetNotificationEmail,
  type MailBranding,
} from '../../../electron/core/mail/templates.js';
import { asRead, branding, visibleText } from './mail-fixtures.js';

const code = '048213';
const when = new Date('2026-07-01T12:34:00Z');
const notification = (overrides: Partial<Parameters<typeof resetNotificationEmail>[0]> = {}) =>
  resetNotificationEmail({
    branding,
    username: 'jdoe42',
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
  expect(message.html).not.toMatch(/href/i);
  // Nothing a client would turn into a link by itself: no contiguous address or domain in the HTML.
  expect(findAutoLinkableText(visibleText(message.html))).toEqual([]);
  expect(findAutoLinkableText(message.html)).toEqual([]);
}

function expectMailInputError(render: () => unknown, field: string) {
  let thrown: unknown;
  try {
    render();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(MailInputError);
  expect((thrown as MailInputError).field).toBe(field);
}

describe('code email', () => {
  const message = codeEmail({ branding, code, ttlMinutes: 10, purpose: 'reset' });

  it('names the organisation in the subject and the body', () => {
    expect(message.subject).toBe('Your Example University password reset code');
    expect(message.text).toContain('Example University');
    expect(asRead(message.html)).toContain('Example University');
  });

  it('carries the exact digits of the code in the text and the HTML body, leading zero included', () => {
    expect(message.text).toContain(code);
    expect(message.html).toContain(code);
    expect(message.subject).not.toContain(code);
  });

  it('says how long the code is valid', () => {
    expect(message.text).toContain('valid for 10 minutes');
    expect(asRead(message.html)).toContain('valid for 10 minutes');
    expect(codeEmail({ branding, code, ttlMinutes: 1, purpose: 'reset' }).text).toContain('valid for 1 minute ');
    // An unlock code says what it is for, so a person who did not ask knows what was tried.
    const unlock = codeEmail({ branding, code, ttlMinutes: 10, purpose: 'unlock' });
    expect(unlock.subject).toBe('Your Example University account unlock code');
    expect(unlock.text).toContain('asked to unlock your Example University account');
  });

  it('says IT Services never emails a link to change a password', () => {
    expect(message.text).toContain('IT Services never emails a link to change a password');
    expect(asRead(message.html)).toContain('IT Services never emails a link to change a password');
  });

  it('tells someone who did not ask that they can ignore it or contact the Service Desk, with every contact detail', () => {
    for (const body of [message.text, asRead(message.html)]) {
      expect(body).toContain('If you did not ask for this code, you can ignore this email');
      expect(body).toContain('contact the IT Service Desk');
      expect(body).toContain('Phone: +44 20 7946 0000');
      expect(body).toContain('Email: servicedesk@example.ac.uk');
      expect(body).toContain('In person: Main Library, ground floor');
      expect(body).toContain('Opening hours: Monday to Friday, 8:30 to 18:00');
    }
  });

  it('contains no link or URL anywhere, and the Service Desk address cannot become one in the HTML', () => {
    expectNoLinkAnywhere(message);
    expect(message.html).not.toContain('servicedesk@example.ac.uk');
  });

  it('leaves out the Service Desk details that were not configured', () => {
    const sparse: MailBranding = { ...branding, serviceDesk: { name: 'Service Desk', location: '', phone: '0123 456', email: '', hours: '' } };
    const { text } = codeEmail({ branding: sparse, code, ttlMinutes: 5, purpose: 'reset' });
    expect(text).toContain('Phone: 0123 456');
    expect(text).not.toContain('Email:');
    expect(text).not.toContain('In person:');
    expect(text).not.toContain('Opening hours:');
  });

  it('escapes a hostile organisation name in the HTML and keeps it readable', () => {
    const hostile: MailBranding = { ...branding, organisationName: `<script>alert("x")</script> & 'Co' <img onerror=x>` };
    const { text, html } = codeEmail({ branding: hostile, code, ttlMinutes: 10, purpose: 'reset' });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39; &lt;img onerror=x&gt;');
    expect(text).toContain(`<script>alert("x")</script> & 'Co' <img onerror=x>`);
    expect(asRead(html)).toContain(`<script>alert("x")</script> & 'Co' <img onerror=x>`);
  });

  it.each([
    ['code', { code: '12ab56' }],
    ['code', { code: '123' }],
    ['code', { code: 123456 as unknown as string }],
    ['ttlMinutes', { ttlMinutes: 0 }],
    ['ttlMinutes', { ttlMinutes: 2.5 }],
    ['purpose', { purpose: 'renew' as 'reset' }],
    ['branding.organisationName', { branding: { ...branding, organisationName: '  ' } }],
    ['branding.organisationName', { branding: { ...branding, organisationName: 'Example https://evil.example/reset' } }],
    ['branding.departmentName', { branding: { ...branding, departmentName: 'IT\nClick www.evil.example' } }],
    ['branding.serviceDesk.email', { branding: { ...branding, serviceDesk: { ...branding.serviceDesk, email: 'mailto:desk@example.ac.uk' } } }],
    ['branding.serviceDesk.location', { branding: { ...branding, serviceDesk: { ...branding.serviceDesk, location: 'Library \u202eevil' } } }],
  ])('refuses a bad %s with a MailInputError', (field, override) => {
    expectMailInputError(() => codeEmail({ branding, code, ttlMinutes: 10, purpose: 'reset', ...override }), field);
  });
});

describe('reset notification email', () => {
  const message = notification();

  it('says whose password was reset, in the subject and the body', () => {
    expect(message.subject).toBe('Your Example University password was reset');
    expect(message.text).toContain('The password for jdoe42 was reset at a self-service kiosk.');
    expect(asRead(message.html)).toContain('The password for jdoe42 was reset at a self-service kiosk.');
  });

  it('says when, in the kiosk time zone with the zone named', () => {
    expect(message.text).toContain('When: Wednesday, July 1, 2026 at 1:34 PM GMT+1');
    expect(notification({ timeZone: 'UTC' }).text).toContain('When: Wednesday, July 1, 2026 at 12:34 PM UTC');
  });

  it('says at which kiosk, by id and location', () => {
    for (const body of [message.text, asRead(message.html)]) {
      expect(body).toContain('Kiosk: kiosk-7');
      expect(body).toContain('Kiosk location: Main Library, level 1');
    }
    expect(notification({ kioskLocation: '' }).text).not.toContain('Kiosk location');
  });

  it('says whom to contact if it was not them', () => {
    for (const body of [message.text, asRead(message.html)]) {
      expect(body).toContain('If this was not you, contact the IT Service Desk straight away');
      expect(body).toContain('Phone: +44 20 7946 0000');
      expect(body).toContain('Email: servicedesk@example.ac.uk');
      expect(body).toContain('In person: Main Library, ground floor');
    }
  });

  it('carries no code, no password and no link', () => {
    expect(message.text).not.toMatch(/[0-9]{6}/);
    expect(asRead(message.html)).not.toMatch(/[0-9]{6}/);
    expect(message.text).not.toMatch(/code/i);
    expectNoLinkAnywhere(message);
  });

  it.each([
    ['username', { username: '' }],
    ['username', { username: 'jdoe\r\nBcc: x' }],
    ['username', { username: 'www.evil.example' }],
    ['kioskId', { kioskId: ' ' }],
    ['kioskLocation', { kioskLocation: 'see https://evil.example' }],
    ['when', { when: new Date('not a date') }],
    ['timeZone', { timeZone: 'Mars/Olympus_Mons' }],
  ])('refuses a bad %s with a MailInputError', (field, override) => {
    expectMailInputError(() => notification(override), field);
  });
});

describe('branding check at start-up', () => {
  it('accepts the configured branding', () => {
    expect(() => assertMailBranding(branding)).not.toThrow();
  });

  it('names the branding field that could not be mailed safely', () => {
    expectMailInputError(
      () => assertMailBranding({ ...branding, serviceDesk: { ...branding.serviceDesk, location: 'See www.example.ac.uk/desk' } }),
      'branding.serviceDesk.location',
    );
  });
});

describe('any organisation name', () => {
  it('either renders escaped without a link, or is refused with a MailInputError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (organisationName) => {
        let message;
        try {
          message = codeEmail({ branding: { ...branding, organisationName }, code, ttlMinutes: 10, purpose: 'reset' });
        } catch (error) {
          expect(error).toBeInstanceOf(MailInputError);
          return;
        }
        expect(message.text).toContain(organisationName.trim());
        expect(asRead(message.html)).toContain(organisationName.trim());
        expect(message.html).not.toMatch(/<a[\s>]|href|<script|<img/i);
        expect(findUrls(message.html)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
