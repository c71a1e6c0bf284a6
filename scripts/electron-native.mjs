#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/<electron version>/, apart from the
// Node build in node_modules/better-sqlite3/build that `npm test` uses, so `npm start` and
// `npm test` both work from one checkout in any order (better-sqlite3 is not N-API: one build
// cannot load in both). main.ts hands the result to better-sqlite3 as `nativeBinding`.
//
//   node scripts/electron-native.mjs [--force]
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BINDING_FILE, ELECTRON_HEADERS_URL, planElectronNativeBuild } from './electron-native-layout.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromProject = createRequire(path.join(projectRoot, 'package.json'));
// Generous: a source build of SQLite takes about a minute on two cores.
const stepTimeoutMs = 10 * 60 * 1000;

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function fail(lines) {
  console.error(['', 'electron-native: FAILED', ...lines.map((line) => `  ${line}`), ''].join('\n'));
  process.exit(1);
}

function resolveBin(packageName, binPath) {
  try {
    return path.join(path.dirname(requireFromProject.resolve(`${packageName}/package.json`)), binPath);
  } catch {
    return null;
  }
}

function run(tool, bin, args, cwd) {
  if (bin === null) return { ok: false, reason: `${tool} is not installed (run npm install)` };
  console.log(`electron-native: ${tool} ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, stdio: 'inherit', timeout: stepTimeoutMs });
  if (result.error) return { ok: false, reason: result.error.message };
  if (result.status !== 0) return { ok: false, reason: `exited with ${result.status ?? result.signal}` };
  return { ok: true };
}

const force = process.argv.includes('--force');
let electronVersion;
try {
  electronVersion = readJson(requireFromProject.resolve('electron/package.json')).version;
} catch {
  fail(['The electron package is not installed: run npm install first.']);
}

const plan = planElectronNativeBuild({
  projectRoot,
  electronVersion,
  platform: process.platform,
  arch: process.arch,
  exists: existsSync,
  force,
});

if (plan.action === 'skip') {
  console.log(`electron-native: ${path.relative(projectRoot, plan.target)} already built for Electron ${electronVersion}; skipping.`);
  process.exit(0);
}

const sourceDir = path.dirname(requireFromProject.resolve('better-sqlite3/package.json'));
const sqliteVersion = readJson(path.join(sourceDir, 'package.json')).version;
// A private copy of the package source: prebuild-install and node-gyp write into ./build, and the
// Node build in node_modules must stay untouched.
const workDir = mkdtempSync(path.join(tmpdir(), 'sspr-electron-native-'));
const bins = {
  'prebuild-install': resolveBin('prebuild-install', 'bin.js'),
  'node-gyp': resolveBin('node-gyp', 'bin/node-gyp.js'),
};

const failures = [];
let built = null;
try {
  cpSync(sourceDir, workDir, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(sourceDir, source);
      return relative !== 'build' && !relative.startsWith(`build${path.sep}`) && relative !== 'node_modules';
    },
  });
  for (const attempt of plan.attempts) {
    const outcome = run(attempt.tool, bins[attempt.tool], attempt.args, workDir);
    const candidate = path.join(workDir, 'build', 'Release', BINDING_FILE);
    if (outcome.ok && existsSync(candidate)) {
      built = candidate;
      break;
    }
    failures.push(`${attempt.tool}: ${outcome.ok ? `finished but produced no ${BINDING_FILE}` : outcome.reason}`);
  }
  if (built !== null) {
    mkdirSync(path.dirname(plan.target), { recursive: true });
    // Copy then rename, so an interrupted run never leaves a half-written binding that would be skipped next time.
    const partial = `${plan.target}.partial-${process.pid}`;
    copyFileSync(built, partial);
    renameSync(partial, plan.target);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

if (built === null) {
  fail([
    `Could not get better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch}).`,
    ...failures.map((line) => `- ${line}`),
    'Both ways need the internet: prebuild-install downloads a prebuilt binary from GitHub;',
    `node-gyp downloads Electron's headers from ${ELECTRON_HEADERS_URL} and needs python3, make and a C++ compiler.`,
    'Connect this machine and run `node scripts/electron-native.mjs` again (or copy a built',
    `${path.relative(projectRoot, plan.target)} here from a machine that has one).`,
    'npm test is not affected: it uses the Node build in node_modules/better-sqlite3.',
  ]);
}
console.log(`electron-native: built ${path.relative(projectRoot, plan.target)}`);
