import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { figure, type Figure, type SectionOptions } from '../../figure.js';
import { noRoomFigures } from './disk-full-figures.js';
import { limitedRun, type LimitedRun } from './disk-full-run.js';
import { tryCommand } from './privileged-command.js';
import { section, wordsFor } from './words.js';

/**
 * Disk full for real: a small tmpfs, filled up to a little room once the kiosk has started. SQLite sees
 * ENOSPC (SQLITE_FULL). Needs root with mount rights; skipped (and said so) where that is not given.
 */
export async function fullFileSystem(options: SectionOptions, folder: string, config: KioskConfig): Promise<Figure[]> {
  const label = 'disk full (tmpfs filled up)';
  if (process.getuid?.() !== 0) return [figure(section, `${label}: skipped`, 'not root', null, null, 'mounting a tmpfs needs root; the file-size limit above covers disk full everywhere')];
  const headroomsKiB = options.quick ? [24] : [24, 96, 176, 200, 256];
  const runs: LimitedRun[] = [];
  for (const headroom of headroomsKiB) {
    const mount = mkdtempSync(path.join(folder, 'tmpfs-'));
    const refused = tryCommand('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mount]);
    if (refused !== null) return [figure(section, `${label}: skipped`, 'mount refused', null, null, `mount -t tmpfs: ${refused}`)];
    options.progress(`storage faults: disk full on a tmpfs, ${headroom} KiB of room...`);
    try {
      runs.push(
        await limitedRun(options, path.join(mount, 'kiosk'), () => {
          const filler = path.join(mount, 'filler');
          const stats = statfsSync(mount);
          const room = Number(stats.bavail) * Number(stats.bsize) - headroom * 1024;
          const fd = openSync(filler, 'w');
          try {
            const block = Buffer.alloc(64 * 1024, 0x5a);
            for (let written = 0; written < room; ) written += writeSync(fd, block, 0, Math.min(block.length, room - written));
          } catch {
            // ENOSPC: as full as it gets.
          } finally {
            closeSync(fd);
          }
          return () => rmSync(filler, { force: true });
        }),
      );
    } finally {
      const stuck = tryCommand('umount', [mount]);
      if (stuck !== null) options.progress(`storage faults: umount ${mount}: ${stuck}`);
    }
  }
  return noRoomFigures(label, runs, wordsFor(config));
}
