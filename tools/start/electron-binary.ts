import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isExecutableFile } from '../browser/pick-browser.js';

/**
 * Is the electron package's binary there and does it run? Answered the way node_modules/electron/index.js
 * finds it (path.txt names the executable inside dist/, ELECTRON_OVERRIDE_DIST_PATH replaces dist/), but
 * without index.js's last resort: downloading it, which on a machine without GitHub ends in a stack trace.
 */

export type ElectronBinary =
  | { state: 'present'; path: string; packageDir: string }
  | { state: 'missing'; detail: string }
  | { state: 'broken'; path: string; detail: string };

type Env = Readonly<Record<string, string | undefined>>;

export function electronBinaryPath(packageDir: string, env: Env): string | null {
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return path.join(override, executable || 'electron');
  return executable === '' ? null : path.join(packageDir, 'dist', executable);
}

export function probeElectronBinary(packageDir: string | null, env: Env = process.env): ElectronBinary {
  if (packageDir === null || !existsSync(path.join(packageDir, 'package.json')))
    return { state: 'missing', detail: 'the electron package is not installed' };
  const binary = electronBinaryPath(packageDir, env);
  if (binary === null) return { state: 'missing', detail: `${path.join(packageDir, 'path.txt')} does not exist` };
  if (!existsSync(binary)) return { state: 'missing', detail: `${binary} does not exist` };
  if (!isExecutableFile(binary)) return { state: 'broken', path: binary, detail: 'it is not an executable file' };
  // As Node (ELECTRON_RUN_AS_NODE) it needs no display, yet the binary and its shared libraries must load.
  const run = spawnSync(binary, ['--version'], {
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 30_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (run.error) return { state: 'broken', path: binary, detail: run.error.message };
  if (run.status !== 0) {
    const firstLine = run.stderr.split('\n').find((line) => line.trim() !== '')?.trim();
    return { state: 'broken', path: binary, detail: `it exited with ${run.status ?? run.signal}${firstLine ? `: ${firstLine}` : ''}` };
  }
  return { state: 'present', path: binary, packageDir };
}
