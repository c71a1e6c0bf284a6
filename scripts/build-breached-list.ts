import { createHash } from 'node:crypto';
import { breachedKey, buildBreachedListBytes, parseBreachedList } from '../electron/core/guessability/breached-list.js';
import { readBreachSources, type BreachSource } from './build-breached-sources.js';

/**
 * Builds data/breached-passwords.bin (and its manifest) from the pinned npm packages.
 * Built by `npm run build:data` (scripts/build-breached-data.ts). Deterministic: the same packages always give the same bytes, which
 * test/integration/guessability/breached-list-build.test.ts checks against the committed file.
 */
export interface BuiltBreachedList {
  bytes: Buffer;
  manifest: {
    format: 'SSPRBRL1';
    sha256: string;
    sourceEntries: number;
    storedFingerprints: number;
    keyForm: string;
    sources: { package: string; version: string; file: string; lines: number }[];
    licence: string;
  };
}

export function buildBreachedList(sources: BreachSource[] = readBreachSources()): BuiltBreachedList {
  const keys = sources.flatMap((source) => source.passwords.map(breachedKey));
  const bytes = buildBreachedListBytes(keys);
  const parsed = parseBreachedList(bytes);
  return {
    bytes,
    manifest: {
      format: 'SSPRBRL1',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sourceEntries: parsed.sourceEntries,
      storedFingerprints: parsed.entries,
      keyForm: 'NFKC, lower case; 32-bit fingerprints (see electron/core/guessability/breached-list.ts)',
      sources: sources.map((source) => ({
        package: source.packageName,
        version: source.version,
        file: source.file,
        lines: source.passwords.length,
      })),
      licence: 'CC BY-SA 3.0 (SecLists password data; see data/README.md)',
    },
  };
}


