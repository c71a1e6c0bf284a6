import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assertElectronVersion,
  electronNativeBindingPath,
  nodeGypArgs,
  planElectronNativeBuild,
  prebuildInstallArgs,
  unpackedAppRoot,
} from '../../../scripts/electron-native-layout.mjs';

const scriptsDir = fileURLToPath(new URL('../../../scripts/', import.meta.url));

describe('where the Electron build of better-sqlite3 lives', () => {
  it('is .electron-native/<electron version>/better_sqlite3.node under the project', () => {
    expect(electronNativeBindingPath('/srv/kiosk', '45.5.0')).toBe(
      path.join('/srv/kiosk', '.electron-native', '45.5.0', 'better_sqlite3.node'),
    );
  });

  it('is never inside node_modules/better-sqlite3/build, the Node build npm test uses', () => {
    const target = electronNativeBindingPath('/srv/kiosk', '45.5.0');
    expect(target).not.toContain('node_modules');
  });

  it.each(['^45.5.0', '45', '45.5', '../45.5.0', '45.5.0/../../etc', '45.5.0\\x', '', 'latest'])(
    'refuses %j as an Electron version, since it becomes a folder name',
    (version) => {
      expect(() => assertElectronVersion(version)).toThrow(/Not an exact Electron version/);
      expect(() => electronNativeBindingPath('/srv/kiosk', version)).toThrow();
    },
  );

  it('accepts exact and pre-release versions', () => {
    expect(assertElectronVersion('45.5.0')).toBe('45.5.0');
    expect(assertElectronVersion('46.0.0-beta.3')).toBe('46.0.0-beta.3');
  });

  it('looks beside app.asar in a packaged app, where asarUnpack puts native files', () => {
    expect(unpackedAppRoot('/opt/SSPR Kiosk/resources/app.asar')).toBe('/opt/SSPR Kiosk/resources/app.asar.unpacked');
    expect(unpackedAppRoot('C:\\Program Files\\SSPR Kiosk\\resources\\app.asar')).toBe(
      'C:\\Program Files\\SSPR Kiosk\\resources\\app.asar.unpacked',
    );
    expect(unpackedAppRoot('/home/dev/sspr-kiosk')).toBe('/home/dev/sspr-kiosk');
  });
});

describe('planning the Electron build', () => {
  const base = { projectRoot: '/srv/kiosk', electronVersion: '45.5.0', platform: 'linux', arch: 'x64' };

  it('skips when the binding already exists', () => {
    const seen: string[] = [];
    const plan = planElectronNativeBuild({ ...base, exists: (file) => (seen.push(file), true) });
    expect(plan).toEqual({ action: 'skip', target: electronNativeBindingPath('/srv/kiosk', '45.5.0') });
    expect(seen).toEqual([plan.target]);
  });

  it('builds when it is missing: prebuild-install for Electron first, then node-gyp with Electron headers', () => {
    const plan = planElectronNativeBuild({ ...base, exists: () => false });
    expect(plan.action).toBe('build');
    if (plan.action !== 'build') return;
    expect(plan.attempts.map((attempt) => attempt.tool)).toEqual(['prebuild-install', 'node-gyp']);
    expect(plan.attempts[0]?.args).toEqual(prebuildInstallArgs('45.5.0', 'linux', 'x64'));
    expect(plan.attempts[0]?.args.join(' ')).toContain('--runtime electron --target 45.5.0');
    expect(plan.attempts[1]?.args).toEqual(nodeGypArgs('45.5.0', 'x64'));
    expect(plan.attempts[1]?.args).toEqual(
      expect.arrayContaining(['rebuild', '--target=45.5.0', '--dist-url=https://electronjs.org/headers']),
    );
  });

  it('rebuilds an existing binding only when forced', () => {
    expect(planElectronNativeBuild({ ...base, exists: () => true, force: true }).action).toBe('build');
  });
});

/**
 * The real script, run in a throw-away project so it can neither reach the network nor touch this
 * checkout. Where a build tool is needed, a stand-in writes the .node file the real tool would.
 */
describe('scripts/electron-native.mjs', () => {
  const projects: string[] = [];
  afterEach(() => {
    for (const project of projects.splice(0)) rmSync(project, { recursive: true, force: true });
  });

  function makeProject(): string {
    const project = mkdtempSync(path.join(tmpdir(), 'sspr-electron-native-'));
    projects.push(project);
    mkdirSync(path.join(project, 'scripts'));
    for (const file of ['electron-native.mjs', 'electron-native-layout.mjs']) {
      copyFileSync(path.join(scriptsDir, file), path.join(project, 'scripts', file));
    }
    writeFileSync(path.join(project, 'package.json'), '{"name":"throwaway","type":"module"}');
    const electron = path.join(project, 'node_modules', 'electron');
    mkdirSync(electron, { recursive: true });
    writeFileSync(path.join(electron, 'package.json'), '{"name":"electron","version":"45.5.0"}');
    const sqlite = path.join(project, 'node_modules', 'better-sqlite3');
    mkdirSync(path.join(sqlite, 'build', 'Release'), { recursive: true });
    mkdirSync(path.join(sqlite, 'src'));
    writeFileSync(path.join(sqlite, 'package.json'), '{"name":"better-sqlite3","version":"12.6.2"}');
    writeFileSync(path.join(sqlite, 'src', 'better_sqlite3.cpp'), '// source');
    writeFileSync(path.join(sqlite, 'build', 'Release', 'better_sqlite3.node'), 'node-abi-build');
    return project;
  }

  /** A stand-in for a build tool: records its arguments, and writes the binding if told to. */
  function installTool(project: string, name: string, bin: string, behaviour: 'succeed' | 'fail') {
    const dir = path.join(project, 'node_modules', name);
    mkdirSync(path.dirname(path.join(dir, bin)), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '0.0.0' }));
    writeFileSync(
      path.join(dir, bin),
      `const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(path.join(project, 'calls.log'))}, ${JSON.stringify(name)} + ' ' + process.argv.slice(2).join(' ') + ' @' + process.cwd() + '\\n');
if (${JSON.stringify(behaviour)} === 'fail') process.exit(1);
fs.mkdirSync('build/Release', { recursive: true });
fs.writeFileSync('build/Release/better_sqlite3.node', 'electron-abi-build from ${name}');`,
    );
  }

  const run = (project: string, ...args: string[]) =>
    spawnSync(process.execPath, [path.join(project, 'scripts', 'electron-native.mjs'), ...args], {
      cwd: project,
      encoding: 'utf8',
      timeout: 30_000,
    });
  const target = (project: string) => path.join(project, '.electron-native', '45.5.0', 'better_sqlite3.node');
  const nodeBuild = (project: string) =>
    readFileSync(path.join(project, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8');

  it('does nothing when the binding for this Electron version is already there', () => {
    const project = makeProject();
    mkdirSync(path.dirname(target(project)), { recursive: true });
    writeFileSync(target(project), 'already built');
    installTool(project, 'prebuild-install', 'bin.js', 'succeed');

    const result = run(project);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('already built for Electron 45.5.0; skipping');
    expect(readFileSync(target(project), 'utf8')).toBe('already built');
    expect(existsSync(path.join(project, 'calls.log'))).toBe(false);
  });

  it('takes the prebuilt Electron binary and leaves the Node build alone', () => {
    const project = makeProject();
    installTool(project, 'prebuild-install', 'bin.js', 'succeed');
    installTool(project, 'node-gyp', 'bin/node-gyp.js', 'succeed');

    const result = run(project);

    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(target(project), 'utf8')).toBe('electron-abi-build from prebuild-install');
    expect(nodeBuild(project)).toBe('node-abi-build');
    const calls = readFileSync(path.join(project, 'calls.log'), 'utf8').trim().split('\n');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^prebuild-install --runtime electron --target 45\.5\.0 /);
    // It worked on a copy of the package source, not in node_modules.
    expect(calls[0]).not.toContain(path.join(project, 'node_modules'));
  });

  it('falls back to node-gyp with Electron headers when no prebuilt binary can be had', () => {
    const project = makeProject();
    installTool(project, 'prebuild-install', 'bin.js', 'fail');
    installTool(project, 'node-gyp', 'bin/node-gyp.js', 'succeed');

    const result = run(project);

    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(target(project), 'utf8')).toBe('electron-abi-build from node-gyp');
    const calls = readFileSync(path.join(project, 'calls.log'), 'utf8');
    expect(calls).toContain('node-gyp rebuild --release --target=45.5.0');
    expect(calls).toContain('--dist-url=https://electronjs.org/headers');
    expect(nodeBuild(project)).toBe('node-abi-build');
  });

  it('fails with a clear message and writes nothing when neither way works (offline)', () => {
    const project = makeProject();
    installTool(project, 'prebuild-install', 'bin.js', 'fail');

    const result = run(project);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('electron-native: FAILED');
    expect(result.stderr).toContain('Could not get better-sqlite3 12.6.2 for Electron 45.5.0');
    expect(result.stderr).toContain('prebuild-install: exited with 1');
    expect(result.stderr).toContain('node-gyp: node-gyp is not installed');
    expect(result.stderr).toContain('https://electronjs.org/headers');
    expect(result.stderr).toContain('npm test is not affected');
    expect(existsSync(target(project))).toBe(false);
    expect(nodeBuild(project)).toBe('node-abi-build');
  });
});
