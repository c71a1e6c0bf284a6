import type { HttpSmsConfig } from '../../../shared/config/sms-config-schema.js';

/**
 * Fills a gateway's body template. Values are substituted into each field in one pass (so a `{to}`
 * inside the message text stays text), and only then is the whole body encoded, JSON or form, by
 * the encoder: a quote, brace or ampersand in the text cannot end its field or start another.
 */

export interface BodyValues {
  to: string;
  text: string;
  from: string;
}

const placeholder = /\{(to|text|from)\}/g;

export function fillTemplate(value: string, values: BodyValues): string {
  return value.replace(placeholder, (_match, name: keyof BodyValues) => values[name]);
}

export function renderBody(body: HttpSmsConfig['body'], values: BodyValues): { contentType: string; payload: string } {
  const fields = Object.entries(body.template).map(([name, value]): [string, string] => [name, fillTemplate(value, values)]);
  if (body.encoding === 'json') {
    return { contentType: 'application/json; charset=utf-8', payload: JSON.stringify(Object.fromEntries(fields)) };
  }
  return { contentType: 'application/x-www-form-urlencoded; charset=utf-8', payload: new URLSearchParams(fields).toString() };
}

/** Which placeholders a template uses anywhere, for the start-up checks. */
export function placeholdersUsed(template: Record<string, string>): Set<string> {
  const used = new Set<string>();
  for (const value of Object.values(template)) for (const match of value.matchAll(placeholder)) used.add(match[1] ?? '');
  return used;
}
