import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

// The benchmark runs under plain `tsx`, so it switches garbage collection on itself to measure what
// a structure really holds (heap growth after a full collection while the structure is alive).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function settledMemory(): { heap: number; external: number } {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, external: usage.external + usage.arrayBuffers };
}
