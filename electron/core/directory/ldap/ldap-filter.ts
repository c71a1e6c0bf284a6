/**
 * RFC 4515 section 3: in a filter's assertion value, `*`, `(`, `)`, `\` and NUL must be written as
 * `\2a`, `\28`, `\29`, `\5c` and `\00`. Every other character is itself (UTF-8 is fine). So a typed
 * name such as `*` or `)(uid=*` can only ever be compared as the literal text it is.
 */
export function escapeFilterValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is one of the characters RFC 4515 says to escape
  return value.replace(/[*()\\\u0000]/g, (character) => `\\${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The configured filter with `{username}` replaced by the escaped typed name. */
export function userFilter(template: string, username: string): string {
  return template.split('{username}').join(escapeFilterValue(username));
}
