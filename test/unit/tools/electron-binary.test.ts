import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronBinaryPath, probeElectronBinary } from '../../../tools/start/electron-binary.js';

/**
 * Fake electron package folders, laid out as the real package lays itself out after a download:
 * package.json, path.txt naming the executable, and dist/<that executable>. The executable is a shell
 * script standing in for Electron's binary.
 */
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fake-electron-pkg-'));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function fakeBinary(script: string, mode = 0o755): Promise<string> {
  await writeFile(path.join(dir, 'path.txt'), 'electron');
  await mkdir(path.join(dir, 'dist'));
  const binary = path.join(dir, 'dist', 'electron');
  await writeFile(binary, script);
  await chmod(binary, mode);
  return binary;
}

describe("finding and trying Electron's binary", () => {
  it('is present when path.txt names a binary in dist/ that runs (as Node, without a display)', async () => {
    // Answers only when asked as Node: the probe must set ELECTRON_RUN_AS_NODE.
    const binary = await fakeBinary('#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] && [ "$1" = --version ] && echo v22.20.0 && exit 0\nexit 3\n');
    expect(probeElectronBinary(dir, {})).toEqual({ state: 'present', path: binary, packageDir: dir });
  });

  it('is missing without path.txt (the download never happened), as here', () => {
    expect(probeElectronBinary(dir, {})).toEqual({ state: 'missing', detail: `${path.join(dir, 'path.txt')} does not exist` });
  });

  it('is missing when path.txt names a file that is not in dist/', async () => {
    await writeFile(path.join(dir, 'path.txt'), 'electron');
    expect(probeElectronBinary(dir, {})).toEqual({ state: 'missing', detail: `${path.join(dir, 'dist', 'electron')} does not exist` });
  });

  it('is missing when there is no electron package at all', () => {
    expect(probeElectronBinary(null, {})).toMatchObject({ state: 'missing' });
    expect(probeElectronBinary(path.join(dir, 'nowhere'), {})).toMatchObject({ state: 'missing' });
  });

  it('is broken when the file is not executable, or exits with an error, with its first error line', async () => {
    const binary = await fakeBinary('#!/bin/sh\necho "error while loading shared libraries: libgtk-3.so.0" >&2\nexit 127\n');
    expect(probeElectronBinary(dir, {})).toEqual({
      state: 'broken',
      path: binary,
      detail: 'it exited with 127: error while loading shared libraries: libgtk-3.so.0',
    });
    await chmod(binary, 0o644);
    expect(probeElectronBinary(dir, {})).toEqual({ state: 'broken', path: binary, detail: 'it is not an executable file' });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', async () => {
    await writeFile(path.join(dir, 'path.txt'), 'electron');
    expect(electronBinaryPath(dir, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })).toBe('/opt/electron/electron');
    expect(electronBinaryPath(dir, {})).toBe(path.join(dir, 'dist', 'electron'));
  });
});
