import type { Translator } from '../../shared/i18n/translator.js';
import { inputProblems } from './messages.js';

/**
 * A typed one-time code, tidied the way the IPC schema tidies it (people copy codes as "123 456" or
 * "123-456"), and what is wrong with it before anything is sent to main, in the session's language.
 */
export function checkTypedCode(typed: string, codeLength: number, words: Translator): { digits: string; problem: string | null } {
  const digits = typed.replace(/[\s-]/g, '');
  if (digits === '') return { digits, problem: inputProblems.codeMissing(words) };
  const fits = /^[0-9]+$/.test(digits) && digits.length === codeLength;
  return { digits, problem: fits ? null : inputProblems.codeShape(words, codeLength) };
}
