import { describe, expect, it } from 'vitest';
import { createTranscript } from '../../../reliability/transcript.js';

describe('the secrets scan', () => {
  it('finds a code written as a word in an answer, an audit row or a log line', () => {
    const transcript = createTranscript();
    transcript.secret('code', '86123456');
    transcript.seen('ipc', '{"ok":true,"value":{"code":"86123456"}}');
    transcript.seen('audit', 'reset.code_checked typed 86123456 refused');
    transcript.seen('log', 'code=86123456');
    expect(transcript.leaks().map((leak) => leak.where)).toEqual(['ipc', 'audit', 'log']);
  });

  it('does not count the same digits inside a longer number or a hex hash', () => {
    const transcript = createTranscript();
    transcript.secret('code', '86123456');
    transcript.seen('audit', '{"at":1786123456789,"hash":"a3f986123456be0c","prev":"86123456ffe1"}');
    expect(transcript.leaks()).toEqual([]);
  });

  it('finds passwords and hashes anywhere in the text', () => {
    const transcript = createTranscript();
    transcript.secret('password', 'Tc8vPw3qLm6rZy');
    transcript.seen('log', 'xxTc8vPw3qLm6rZyxx');
    expect(transcript.leaks()).toEqual([{ kind: 'password', where: 'log', prefix: 'Tc8' }]);
  });
});
