#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild.
//  - main    -> dist-electron/main.js   (ESM; package.json "main" points here)
//  - preload -> dist-electron/preload.cjs (one CommonJS file: a sandboxed preload cannot load
//    other modules, so everything it uses is bundled in; only `electron` stays outside)
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultOutDir = path.join(projectRoot, 'dist-electron');

// Native addons and their loaders must be loaded from node_modules at run time, never bundled; pg too
// (CommonJS with an optional native binding that esbuild would try to resolve).
export const mainExternals = ['electron', 'better-sqlite3', 'argon2', 'nodemailer', 'pg'];

const common = {
  absWorkingDir: projectRoot,
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: false,
  legalComments: 'none',
};

const bundles = {
  main: (outDir) => ({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: path.join(outDir, 'main.js'),
    format: 'esm',
    external: mainExternals,
    // Bundled CommonJS dependencies call require(); an ES module has none unless we make one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  }),
  preload: (outDir) => ({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(outDir, 'preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  }),
};

// Tests build into a temp folder, one bundle at a time; `npm run build:electron` builds both.
export async function buildElectron({ outDir = defaultOutDir, only = ['main', 'preload'], logLevel = 'info' } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  await Promise.all(only.map((name) => build({ ...bundles[name](outDir), logLevel })));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildElectron();
}
