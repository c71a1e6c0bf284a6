import { describe, expect, it } from 'vitest';
import { findAutoLinkableText, findUrls } from '../../../electron/core/mail/find-urls.js';

describe('findUrls', () => {
  it.each([
    ['https://www.example.org/reset?x=1', 'https://www.example.org/reset?x=1'],
    ['http://10.0.0.1/', 'http://10.0.0.1/'],
    ['custom-app://open', 'custom-app://open'],
    ['www.example.org', 'www.example.org'],
    ['mailto:desk@example.org', 'mailto:desk@example.org'],
    ['javascript:alert(1)', 'javascript:alert(1)'],
    ['data:text/html,hi', 'data:text/html,hi'],
    ['tel:+442079460000', 'tel:+442079460000'],
    ['example.ac.uk/reset', 'example.ac.uk/reset'],
    ['intranet.example:8443/x', 'intranet.example:8443/x'],
    ['10.0.0.1:8080', '10.0.0.1:8080'],
    ['//cdn.example.net/pixel.gif', '//cdn.example.net/pixel.gif'],
  ])('reports %s', (text, expected) => {
    expect(findUrls(`Please visit ${text} today`)).toEqual([expected]);
  });

  it('reports each URL once, in order, even when several patterns match it', () => {
    expect(findUrls('a https://www.x.org/p b www.y.org c mailto:z@z.org')).toEqual([
      'https://www.x.org/p',
      'www.y.org',
      'mailto:z@z.org',
    ]);
  });

  it.each([
    'Email: servicedesk@example.ac.uk',
    'Tel: 020 7946 0000',
    'Phone: +44 20 7946 0000',
    'Open 8.30-18.00, Monday to Friday',
    'Valid for 10 minutes. Works once.',
    'e.g. the Main Library, level 1',
    'Time: 21:57 GMT',
    'and/or',
  ])('does not report ordinary text: %s', (text) => {
    expect(findUrls(text)).toEqual([]);
  });
});

describe('findAutoLinkableText', () => {
  it('reports email addresses and bare domain names that clients would link on their own', () => {
    expect(findAutoLinkableText('Write to desk@example.ac.uk or see example.ac.uk.')).toEqual([
      'desk@example.ac.uk',
      'example.ac.uk',
    ]);
  });

  it('does not report an address broken up by zero-width non-joiners', () => {
    expect(findAutoLinkableText('desk\u200c@\u200cexample\u200c.\u200cac\u200c.\u200cuk')).toEqual([]);
  });

  it('does not report sentences, times or abbreviations', () => {
    expect(findAutoLinkableText('Valid for 10 minutes. Open 8.30-18.00, e.g. Monday.')).toEqual([]);
  });
});
