import { describe, expect, it } from 'vitest';
import { escapeFilterValue, userFilter } from '../../../electron/core/directory/ldap/ldap-filter.js';

describe('RFC 4515 escaping of a typed name', () => {
  it('writes the five special characters as \\XX and leaves everything else as typed', () => {
    expect(escapeFilterValue('*')).toBe('\\2a');
    expect(escapeFilterValue(')(uid=*')).toBe('\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b')).toBe('a\\5cb');
    expect(escapeFilterValue('nul\u0000byte')).toBe('nul\\00byte');
    expect(escapeFilterValue('zoë.o’brien-2')).toBe('zoë.o’brien-2');
  });

  it('puts the escaped name where {username} is, and nowhere else', () => {
    expect(userFilter('(uid={username})', 'amira.khan')).toBe('(uid=amira.khan)');
    expect(userFilter('(&(objectClass=person)(sAMAccountName={username}))', '*)(|(cn=*')).toBe('(&(objectClass=person)(sAMAccountName=\\2a\\29\\28|\\28cn=\\2a))');
    // A name that looks like a placeholder is only text.
    expect(userFilter('(uid={username})', '{username}')).toBe('(uid={username})');
  });
});
