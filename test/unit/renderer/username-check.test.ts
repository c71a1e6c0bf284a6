import { describe, expect, it } from 'vitest';
import { usernameProblem } from '../../../renderer/src/username-check.js';

describe('the username box, before anything is sent', () => {
  it('asks for a username when nothing (or only spaces) was typed', () => {
    expect(usernameProblem('')).toBe('missing');
    expect(usernameProblem('   ')).toBe('missing');
  });

  it('refuses an email address: anything with an "@"', () => {
    expect(usernameProblem('amira.khan@northfield.example')).toBe('email');
    expect(usernameProblem(' amira@gmail.com ')).toBe('email');
    expect(usernameProblem('@')).toBe('email');
  });

  it('lets an ordinary username through, spaces around it included', () => {
    expect(usernameProblem('amira.khan')).toBeNull();
    expect(usernameProblem('  jsmith42 ')).toBeNull();
  });
});
