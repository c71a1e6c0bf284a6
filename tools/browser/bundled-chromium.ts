import Chromium from '@sparticuz/chromium';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * The headless Chromium inside @sparticuz/chromium, unpacked once per version and user into the temp
 * folder (about a second; later runs reuse it).
 *
 * The package always unpacks into os.tmpdir() (and returns any /tmp/chromium it finds, whatever its
 * version). So it is pointed at a private folder that is renamed into place when complete: parallel test
 * workers or another checkout never see a half-written binary, and versions never mix.
 */

const require = createRequire(import.meta.url);

export function bundledChromiumVersion(): string {
  const entry = require.resolve('@sparticuz/chromium');
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

export async function unpackBundledChromium(cacheRoot: string = os.tmpdir()): Promise<string> {
  const uid = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  const finalDir = path.join(cacheRoot, `sspr-kiosk-chromium-${bundledChromiumVersion()}-${uid}`);
  const binary = path.join(finalDir, 'chromium');
  if (existsSync(binary)) return binary;

  const partialDir = await mkdtemp(`${finalDir}.partial-`);
  try {
    // executablePath() reads os.tmpdir() (TMPDIR) synchronously, before its first await: the override
    // is undone before anything else in this process can run.
    const saved = process.env.TMPDIR;
    let unpacking: Promise<string>;
    process.env.TMPDIR = partialDir;
    try {
      unpacking = Chromium.executablePath();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    const unpacked = await unpacking;
    if (unpacked !== path.join(partialDir, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not into ${partialDir}.`);
    await rename(partialDir, finalDir).catch(async (error: unknown) => {
      // Another process finished first: use its copy.
      if (!existsSync(binary)) throw error;
    });
  } finally {
    await rm(partialDir, { recursive: true, force: true });
  }
  return binary;
}
