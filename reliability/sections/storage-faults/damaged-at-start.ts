import { closeSync, existsSync, openSync, readdirSync, readlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createSeededRandom } from '../../../test/support/seeded-random.js';
import { digestOf, withDatabaseFile } from '../../database-checks.js';
import { figure, type Figure, type SectionOptions } from '../../figure.js';
import { copyKiosk, startError } from './database-copies.js';
import { databaseOf } from './reset-steps.js';
import { section } from './words.js';

/** Whether this process still has `file` open (Linux); null where /proc cannot tell. */
function heldOpen(file: string): boolean | null {
  if (!existsSync('/proc/self/fd')) return null;
  return readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  });
}

/**
 * A damaged database at start-up: the file header overwritten, or one b-tree page in the middle of
 * the file. The kiosk must refuse to start with one line that says so, and leave the file as it was
 * (it may be all there is to restore from), without keeping it open.
 */
export async function damagedAtStart(options: SectionOptions, base: string): Promise<Figure[]> {
  const random = createSeededRandom(20260303);
  const garbage = (length: number) => random.bytes(length);
  const damages: { name: string; damage: (file: string) => void }[] = [
    {
      name: 'file header overwritten',
      damage: (file) => {
        const fd = openSync(file, 'r+');
        // The magic string and the page size: what every reader checks first.
        writeSync(fd, garbage(24), 0, 24, 0);
        closeSync(fd);
      },
    },
    {
      name: 'a page in the middle overwritten',
      damage: (file) => {
        const { pageSize, page } = withDatabaseFile(file, (db) => {
          const size = db.pragma('page_size', { simple: true }) as number;
          const count = db.pragma('page_count', { simple: true }) as number;
          const pages = (db.prepare("select pageno from dbstat where pagetype in ('leaf', 'internal') and pageno > 1 order by pageno").all() as { pageno: number }[]).map((row) => row.pageno);
          const middle = pages.reduce((best, candidate) => (Math.abs(candidate - count / 2) < Math.abs(best - count / 2) ? candidate : best), pages[0]!);
          return { pageSize: size, page: middle };
        });
        const fd = openSync(file, 'r+');
        writeSync(fd, garbage(pageSize), 0, pageSize, (page - 1) * pageSize);
        closeSync(fd);
      },
    },
  ];
  const clear = /^StoreOpenError: the database file .+ is not a usable SQLite database: it is damaged or not a database \(restore it from a backup, or move it aside to start afresh\) \(SQLITE_(CORRUPT|NOTADB)[A-Z_]*: [^\n]*\)$/;
  const refused: string[] = [];
  const changed: string[] = [];
  const stillOpen: string[] = [];
  const lines: string[] = [];
  for (const [index, { name, damage }] of damages.entries()) {
    const dataDir = copyKiosk(base, path.join(path.dirname(base), `damaged-${index}`));
    const file = databaseOf(dataDir);
    damage(file);
    const before = digestOf(file);
    const { error, kiosk } = await startError(dataDir);
    await kiosk?.kiosk.close();
    const line = error === null ? 'started' : `${error.name}: ${error.message}`;
    options.recorder.seen('log', line);
    lines.push(`${name}: ${line}`);
    if (clear.test(line)) refused.push(name);
    if (digestOf(file) !== before) changed.push(name);
    if (heldOpen(file) === true) stillOpen.push(name);
  }
  const label = 'damaged database at start-up';
  return [
    figure(section, `${label}: starts refused with the one clear line`, `${refused.length} of ${damages.length}`, `${damages.length} of ${damages.length}`, refused.length === damages.length, lines.join(' | ')),
    figure(section, `${label}: files changed by the refused start`, changed.length, '0', changed.length === 0, changed.length === 0 ? undefined : changed.join(', ')),
    figure(section, `${label}: files still held open after the refused start`, stillOpen.length, '0', stillOpen.length === 0, stillOpen.length === 0 ? undefined : stillOpen.join(', ')),
  ];
}
