import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { Figure, SectionOptions } from '../../figure.js';
import { noRoomFigures } from './disk-full-figures.js';
import { limitedRun, type LimitedRun } from './disk-full-run.js';
import { wordsFor } from './words.js';

const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/**
 * Disk full, without privileges: RLIMIT_FSIZE on the kiosk's process (prlimit --pid), just above the
 * database and its write-ahead log as they are. A write past it fails with EFBIG (Node ignores
 * SIGXFSZ), which SQLite reports as SQLITE_IOERR_WRITE. Several headrooms, so the limit bites at
 * different steps: the code request, the delivery's records, the code check, the change's intent,
 * the directory write, its bookkeeping, the notices.
 */
export async function fileSizeLimit(options: SectionOptions, folder: string, config: KioskConfig): Promise<Figure[]> {
  // On this kiosk a walk-up's code request and check fit in about 100 KiB of log, its intent, directory
  // write and bookkeeping in the next 60 or so: the quick run samples each, the full run sweeps.
  const headroomsKiB = options.quick ? [8, 96, 168, 184, 200, 216] : Array.from({ length: 33 }, (_, index) => 4 + index * 8);
  const runs: LimitedRun[] = [];
  for (const [index, headroom] of headroomsKiB.entries()) {
    options.progress(`storage faults: disk full by file-size limit, ${headroom} KiB of room (${index + 1}/${headroomsKiB.length})...`);
    const dataDir = path.join(folder, `fsize-${headroom}`);
    runs.push(
      await limitedRun(options, dataDir, (pid, file) => {
        const limit = Math.max(sizeOf(file), sizeOf(`${file}-wal`)) + headroom * 1024;
        const applied = spawnSync('prlimit', ['--pid', String(pid), `--fsize=${limit}`], { encoding: 'utf8' });
        if (applied.status !== 0) throw new Error(`prlimit failed: ${applied.stderr || applied.error?.message}`);
        // The limit ends with the process.
        return () => undefined;
      }),
    );
  }
  return noRoomFigures('disk full (file-size limit)', runs, wordsFor(config));
}
