import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const requireFromProject = createRequire(new URL('../../../package.json', import.meta.url));
const builderConfig = parse(readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it("is valid for the installed electron-builder's own schema", async () => {
    const { validateConfiguration } = requireFromProject('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = requireFromProject('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(builderConfig, new DebugLogger(false))).resolves.toBeUndefined();
    // The check above is a real one: a misspelt fuse is refused.
    await expect(
      validateConfiguration({ ...builderConfig, electronFuses: { runAsNod: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/electronFuses/);
  });

  it('pins the exact Electron version that is installed', () => {
    const installed = (requireFromProject('electron/package.json') as { version: string }).version;
    expect(builderConfig.electronVersion).toBe('45.5.0');
    expect(builderConfig.electronVersion).toBe(installed);
  });

  it('flips the fuses security.md 24 asks for', () => {
    expect(builderConfig.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('ships the bundles, the renderer, the Electron build of better-sqlite3 and the password lists, in asar', () => {
    expect(builderConfig.asar).toBe(true);
    expect(builderConfig.files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist-electron/**/*',
        'dist/renderer/**/*',
        '.electron-native/**/better_sqlite3.node',
        'data/**/*',
      ]),
    );
    expect(builderConfig.asarUnpack).toEqual(['**/*.node']);
  });

  it('never rebuilds native modules in node_modules, which would break npm test', () => {
    expect(builderConfig.npmRebuild).toBe(false);
    expect(builderConfig.nodeGypRebuild).toBe(false);
  });

  it('builds Linux AppImage and deb, Windows NSIS and a macOS dmg', () => {
    expect(builderConfig.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(builderConfig.win).toMatchObject({ target: ['nsis'] });
    expect(builderConfig.mac).toMatchObject({ target: ['dmg'] });
    expect(builderConfig.nsis).toMatchObject({ perMachine: true, oneClick: false });
  });

  it('signs the macOS app with the Hardened Runtime (needed for notarization) and only the JIT exception Electron needs', () => {
    const mac = builderConfig.mac as Record<string, unknown>;
    expect(mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(mac.entitlements).toBe('deploy/macos/entitlements.mac.plist');
    expect(mac.entitlementsInherit).toBe(mac.entitlements);
    const plist = readFileSync(new URL(`../../../${String(mac.entitlements)}`, import.meta.url), 'utf8');
    const granted = [...plist.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('flips every fuse, the same for all three platforms (one electronFuses block, no per-platform override)', () => {
    expect(builderConfig.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    for (const platform of ['linux', 'win', 'mac'] as const) expect(builderConfig[platform]).not.toHaveProperty('electronFuses');
  });

  it('says in its header that packaging cannot run on the development machines', () => {
    const header = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8').split('\n').filter((line) => line.startsWith('#')).slice(0, 8).join(' ');
    expect(header).toContain('Packaging cannot run on the project');
  });
});

describe('.ci/run', () => {
  const script = readFileSync(new URL('../../../.ci/run', import.meta.url), 'utf8');

  it('is an executable bash script that stops at the first failure', () => {
    accessSync(new URL('../../../.ci/run', import.meta.url), constants.X_OK);
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toMatch(/^set -euo pipefail$/m);
    expect(spawnSync('bash', ['-n', '.ci/run'], { cwd: projectRoot }).status).toBe(0);
  });

  it('installs Chromium, then runs npm ci and npm test in that order', () => {
    const commands = script.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
    const order = ['apt-get update', 'apt-get install -y chromium', 'npm ci', 'npm test'].map((step) =>
      commands.findIndex((line) => line === step || line.startsWith(`${step} `)),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
