import { describe, expect, it } from 'vitest';
import { findAutoLinkableText, findUrls } from '../../../electron/core/mail/find-urls.js';
import { gsm7Segments } from '../../../electron/core/sms/gsm7.js';
import { noticeText } from '../../../electron/core/sms/notice-text.js';

const base = { organisationName: 'Northfield University', when: new Date('2026-03-02T09:05:00Z'), deskName: 'IT Service Desk', deskPhone: '01632 960 321', timeZone: 'UTC' };

describe('the text-message notice after a change', () => {
  it('says what happened, when, and whom to call, in one segment for the demo organisation', () => {
    for (const kind of ['password_reset', 'password_changed', 'account_unlocked'] as const) {
      const text = noticeText({ ...base, kind });
      expect(gsm7Segments(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
      expect(text).toContain('Mar 2, 9:05 AM');
      expect(text).toContain('01632 960 321');
      expect(findUrls(text)).toEqual([]);
      expect(findAutoLinkableText(text)).toEqual([]);
    }
    expect(noticeText({ ...base, kind: 'account_unlocked' })).toBe(
      'Northfield University: your account was unlocked (password unchanged) at a kiosk on Mar 2, 9:05 AM. Not you? Call the IT Service Desk on 01632 960 321.',
    );
  });

  it('names the desk when it has no phone, and keeps to two segments for a long organisation name', () => {
    expect(noticeText({ ...base, deskPhone: '', kind: 'password_reset' })).toContain('Not you? Contact the IT Service Desk.');
    const long = noticeText({ ...base, organisationName: 'The Royal Northfield and Eastbrook College of Science, Art and Technology', kind: 'password_changed' });
    expect(gsm7Segments(long).segments).toBeLessThanOrEqual(2);
  });

  it('refuses an organisation name a phone would turn into a link', () => {
    expect(() => noticeText({ ...base, organisationName: 'northfield.example', kind: 'password_reset' })).toThrow();
  });
});
