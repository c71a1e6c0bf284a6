import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import { breachedKey } from '../electron/core/guessability/breached-list.js';
import { readBreachSources } from '../scripts/build-breached-sources.js';
import { settledMemory } from './memory.js';

/** The breached entries in a plain JS Set: the obvious way to do it, as the memory baseline. */
export function buildSetBaseline(): { set: Set<string>; bytes: number; entries: number } {
  const before = settledMemory();
  let sources: ReturnType<typeof readBreachSources> | null = readBreachSources();
  const set = new Set<string>();
  for (const source of sources) for (const password of source.passwords) set.add(breachedKey(password));
  sources = null;
  const after = settledMemory();
  return { set, bytes: after.heap - before.heap + (after.external - before.external), entries: set.size };
}

/** zxcvbn-ts as its README sets it up: common and English dictionaries, default options. */
export function createZxcvbn() {
  return new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
}
