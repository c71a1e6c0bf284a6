import { readFileSync } from 'node:fs';

/**
 * A banned-term list on disk: UTF-8, one term per line, `#` starts a comment, blank lines ignored.
 * The shipped lists live in data/banned-terms/ with their provenance in data/README.md.
 */
export function parseTermList(text: string): string[] {
  const terms: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const term = line.replace(/#.*$/, '').trim();
    if (term !== '') terms.push(term);
  }
  return terms;
}

export class TermListError extends Error {
  constructor(path: string, reason: string) {
    super(`The banned-term list ${path} could not be read: ${reason}.`);
    this.name = 'TermListError';
  }
}

export function readTermList(path: string): string[] {
  try {
    return parseTermList(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new TermListError(path, reason);
  }
}
