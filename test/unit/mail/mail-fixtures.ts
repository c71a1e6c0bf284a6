import type { MailBranding } from '../../../electron/core/mail/templates.js';

export const branding: MailBranding = {
  organisationName: 'Example University',
  departmentName: 'IT Services',
  serviceDesk: {
    name: 'IT Service Desk',
    location: 'Main Library, ground floor',
    phone: '+44 20 7946 0000',
    email: 'servicedesk@example.ac.uk',
    hours: 'Monday to Friday, 8:30 to 18:00',
  },
};

/** What a reader of the HTML part sees: tags removed, entities decoded (zero-width joiners kept). */
export function visibleText(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', zwnj: '\u200c', nbsp: '\u00a0' };
  return html
    .replace(/<head>[\s\S]*?<\/head>/i, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#[0-9]+|[a-z]+);/gi, (entity, name: string) =>
      name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (named[name.toLowerCase()] ?? entity),
    );
}

/** The same text as a person reads it: invisible joiners do not show. */
export function asRead(html: string): string {
  return visibleText(html).replace(/\u200c/g, '');
}
