import type { Entry } from 'ldapts';

/**
 * An attribute's values as text, found whatever the case of its name: servers answer with the
 * schema's spelling (givenName), while the config may spell it otherwise (givenname).
 */
export function attributeValues(entry: Entry | undefined, name: string): string[] {
  if (entry === undefined) return [];
  const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (key === undefined || key === 'dn') return [];
  const value = entry[key];
  const list = Array.isArray(value) ? value : [value];
  return list.map((one) => (Buffer.isBuffer(one) ? one.toString('utf8') : String(one)));
}

/** The first value as text; undefined when the attribute is absent or empty. */
export function attributeText(entry: Entry | undefined, name: string): string | undefined {
  const first = attributeValues(entry, name)[0];
  return first === '' ? undefined : first;
}
