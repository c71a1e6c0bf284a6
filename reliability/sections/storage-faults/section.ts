import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Figure, SectionOptions } from '../../figure.js';
import { damagedAtStart } from './damaged-at-start.js';
import { realDatabase } from './database-copies.js';
import { fileSizeLimit } from './disk-full-file-size.js';
import { fullFileSystem } from './disk-full-tmpfs.js';
import { heldByAnotherProcess } from './held-by-another-process.js';
import { notWritable } from './not-writable.js';

export async function storageFaultsSection(options: SectionOptions): Promise<Figure[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-storage-'));
  try {
    const figures: Figure[] = [];
    options.progress('storage faults: a database held by another process...');
    figures.push(...(await heldByAnotherProcess(options, folder)));
    const base = path.join(folder, 'base');
    options.progress('storage faults: a real database for the damage and read-only cases...');
    const config = await realDatabase(options, base);
    figures.push(...(await fileSizeLimit(options, folder, config)));
    figures.push(...(await fullFileSystem(options, folder, config)));
    options.progress('storage faults: a damaged database at start-up...');
    figures.push(...(await damagedAtStart(options, base)));
    options.progress('storage faults: a database the kiosk cannot write...');
    figures.push(...(await notWritable(options, base, config)));
    return figures;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
