import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Temporary folders for one test file: `const dirs = createTempDirs(); afterEach(() => dirs.removeAll())`.
 * Everything lives under the OS temp folder, never in the checkout.
 */
export function createTempDirs(prefix = 'sspr-test-') {
  const made: string[] = [];
  return {
    make(): string {
      const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    removeAll(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
