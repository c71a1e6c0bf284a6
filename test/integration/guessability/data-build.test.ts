import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirectory, generatedTermLists, globalTermsBytes, termsDirectory } from '../../../scripts/build-breached-data.js';
import { buildBreachedList } from '../../../scripts/build-breached-list.js';

// The committed data files are build products: these tests rebuild them from the pinned npm
// packages and the hand-maintained list, and fail when anyone edits one side without the other.
describe('npm run build:data reproduces the committed data', () => {
  it('regenerates the generated term lists byte for byte', () => {
    for (const [file, text] of Object.entries(generatedTermLists())) {
      expect(readFileSync(join(termsDirectory, file), 'utf8'), file).toBe(text);
    }
  });

  it('compiles data/banned-terms/*.txt into exactly data/banned-terms.bin', () => {
    expect(globalTermsBytes().equals(readFileSync(join(dataDirectory, 'banned-terms.bin')))).toBe(true);
  });

  it('rebuilds data/breached-passwords.bin from over a million leaked passwords, matching its manifest', () => {
    const built = buildBreachedList();
    const committed = readFileSync(join(dataDirectory, 'breached-passwords.bin'));
    const manifest = JSON.parse(readFileSync(join(dataDirectory, 'breached-passwords.json'), 'utf8')) as { sha256: string; sourceEntries: number };
    expect(built.manifest.sourceEntries).toBeGreaterThanOrEqual(1_000_000);
    expect(manifest.sourceEntries).toBe(built.manifest.sourceEntries);
    expect(built.bytes.equals(committed)).toBe(true);
    expect(createHash('sha256').update(committed).digest('hex')).toBe(manifest.sha256);
  });
});
