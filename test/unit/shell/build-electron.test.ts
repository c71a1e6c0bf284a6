import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron, mainExternals } from '../../../scripts/build-electron.mjs';
import { createKioskApi } from '../../../shared/ipc/kiosk-api.js';

let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'sspr-build-electron-'));
  await buildElectron({ outDir, logLevel: 'error' });
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Runs the bundled preload the way a sandboxed renderer does: CommonJS, and `electron` is all it may require. */
function runPreload() {
  const exposed: Array<{ key: string; api: Record<string, unknown> }> = [];
  const invocations: unknown[][] = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push({ key, api }) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invocations.push(args);
        return Promise.resolve({ ok: true, value: 'from main' });
      },
    },
  };
  const module = { exports: {} };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const code = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
  return { exposed, invocations, required };
}

describe('the preload bundle (dist-electron/preload.cjs)', () => {
  it('is one CommonJS file that requires nothing but electron', () => {
    const code = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*import\s/m);
    expect([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1])).toEqual(['electron']);
    expect(runPreload().required).toEqual(['electron']);
  });

  it('exposes window.kiosk with exactly the named actions of createKioskApi', () => {
    const { exposed } = runPreload();
    expect(exposed.map((entry) => entry.key)).toEqual(['kiosk']);
    const api = exposed[0]!.api;
    const expected = Object.keys(createKioskApi(async () => ({ ok: true, value: undefined as never })));
    expect(Object.keys(api).sort()).toEqual(expected.sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });

  it('never hands the page ipcRenderer, a free invoke or the event', () => {
    const api = runPreload().exposed[0]!.api;
    for (const name of ['ipcRenderer', 'invoke', 'send', 'on', 'sendSync', 'postMessage']) expect(api).not.toHaveProperty(name);
  });

  it('turns each action into one invoke on its own channel, with only the payload', async () => {
    const { exposed, invocations } = runPreload();
    const api = exposed[0]!.api as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(await api.begin!('reset', 'jdoe')).toEqual({ ok: true, value: 'from main' });
    await api.setPassword!('Aa1aaaaaaaaaa', 'Aa1aaaaaaaaaa', 'extra');
    await api.info!();
    expect(invocations).toEqual([
      ['journey:begin', { purpose: 'reset', username: 'jdoe' }],
      ['password:set', { password: 'Aa1aaaaaaaaaa', confirmation: 'Aa1aaaaaaaaaa' }],
      ['kiosk:info', {}],
    ]);
  });
});

describe('the main bundle (dist-electron/main.js)', () => {
  const code = () => readFileSync(path.join(outDir, 'main.js'), 'utf8');

  it('is an ES module that can require CommonJS dependencies', () => {
    expect(code().startsWith("import { createRequire as __createRequire } from 'node:module';")).toBe(true);
    // At the top level only: bundled CommonJS packages (qrcode) keep their own, indented inside esbuild's wrappers.
    expect(code()).not.toMatch(/^module\.exports\s*=/m);
  });

  it('loads electron and the native, mail and PostgreSQL packages from node_modules instead of bundling them', () => {
    expect(mainExternals).toEqual(['electron', 'better-sqlite3', 'argon2', 'nodemailer', 'pg']);
    const imported = new Set([...code().matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]));
    for (const name of ['electron', 'better-sqlite3', 'argon2', 'nodemailer', 'pg']) expect(imported).toContain(name);
    // Their sources are not inside: better-sqlite3's JS wrapper and nodemailer's transport would be.
    expect(code()).not.toContain('Expected the "nativeBinding" option to be a string or addon object');
    expect(code()).not.toContain('Invalid SMTP server response');
  });

  it('bundles the pure-JS dependencies so the package needs no TypeScript at run time', () => {
    const imported = [...code().matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]!);
    const packages = imported.filter((name) => !name.startsWith('node:')).map((name) => name.split('/')[0]);
    expect(new Set(packages)).toEqual(new Set(['electron', 'argon2', 'nodemailer', 'better-sqlite3', 'pg']));
    expect(imported.some((name) => name.endsWith('.ts'))).toBe(false);
  });
});
