import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/** STYLE.md's layers, as eslint.config.js enforces them, checked on code that never touches the disk. */
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: projectRoot });
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

const restricted = (list: string[]) => list.filter((line) => line.startsWith('no-restricted-imports'));

describe('shared/ is pure TypeScript', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';"],
    ["import { readFileSync } from 'fs';"],
    ["import path from 'path';"],
    ["import { randomInt } from 'crypto';"],
    ["import { readFile } from 'fs/promises';"],
    ["import { readFile } from 'node:fs/promises';"],
    ["import { ipcRenderer } from 'electron';"],
    ["import { useState } from 'react';"],
    ["import { jsx } from 'react/jsx-runtime';"],
    ["import { createRoot } from 'react-dom/client';"],
    ["import { create } from 'zustand';"],
    ["import Database from 'better-sqlite3';"],
    ["import type { Clock } from '../../electron/core/ports.js';"],
    ["import { App } from '../../renderer/src/App.js';"],
  ])('refuses %s', async (line) => {
    expect(restricted(await problems('shared/ipc/virtual-example.ts', `${line}\nexport const x = 1;\n`))).toHaveLength(1);
  });

  it('allows zod and other shared modules', async () => {
    const code = "import { z } from 'zod';\nimport type { SessionView } from '../flow/stages.js';\nexport const s = z.string();\nexport type V = SessionView;\n";
    expect(await problems('shared/ipc/virtual-example.ts', code)).toEqual([]);
  });
});

describe('renderer/ is a web page', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';"],
    ["import os from 'os';"],
    ["import { ipcRenderer } from 'electron';"],
    ["import { createKiosk } from '../../electron/core/kiosk.js';"],
    ["import { APP_ORIGIN } from '../../electron/app-protocol.js';"],
  ])('refuses %s', async (line) => {
    expect(restricted(await problems('renderer/src/virtual-example.tsx', `${line}\nexport const x = 1;\n`))).toHaveLength(1);
  });

  it('allows React, zustand and shared/', async () => {
    const code =
      "import { useState } from 'react';\nimport { create } from 'zustand';\nimport { canMove } from '../../shared/flow/stages.js';\nexport const used = [useState, create, canMove];\n";
    expect(await problems('renderer/src/virtual-example.tsx', code)).toEqual([]);
  });

  it("leaves renderer's build config (run by Node at build time) alone", async () => {
    const code = "import path from 'node:path';\nexport default { root: path.resolve('.') };\n";
    expect(await problems('renderer/vite.config.mts', code)).toEqual([]);
  });
});

describe('electron/core/ never needs the Electron binary', () => {
  it('refuses importing electron', async () => {
    expect(restricted(await problems('electron/core/virtual-example.ts', "import { app } from 'electron';\nexport const a = app;\n"))).toHaveLength(1);
  });

  it('allows Node built-ins', async () => {
    expect(await problems('electron/core/virtual-example.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual([]);
  });

  it('refuses console.log but allows warn and error', async () => {
    const found = await problems('electron/core/virtual-example.ts', "console.log('x');\nconsole.warn('y');\nconsole.error('z');\n");
    expect(found).toEqual([expect.stringMatching(/^no-console: /)]);
  });
});

describe('the shell', () => {
  it('may import electron', async () => {
    expect(await problems('electron/virtual-example.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('uses typescript-eslint recommended', async () => {
    const found = await problems('electron/virtual-example.ts', 'export const x: any = 1;\n');
    expect(found).toEqual([expect.stringMatching(/^@typescript-eslint\/no-explicit-any: /)]);
  });
});

describe('ignored folders', () => {
  it.each(['dist/renderer/assets/index.js', 'dist-electron/main.js', 'release/linux-unpacked/x.js', '.electron-native/45.5.0/x.js', 'node_modules/x/index.js'])(
    'does not lint %s',
    async (file) => {
      expect(await eslint.isPathIgnored(file)).toBe(true);
    },
  );
});
