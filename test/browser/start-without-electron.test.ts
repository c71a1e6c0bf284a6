import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { requireBuiltRenderer, startScreen } from '../support/browser-preview.js';

/**
 * `npm start` on a machine where Electron's binary could not be downloaded: the launcher (tools/start.ts)
 * runs against a fake electron package that has no binary (as after a failed download), without a
 * display, and must say why in one line and serve the same kiosk from the preview host.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// Node with tsx's loader, not the tsx command: the command relays SIGTERM to its child and kills it
// (exit 143) when the child has not answered within 30 ms, which a busy machine misses.
const withTsx = ['--import', 'tsx'];
const whyLine = "Electron's binary is not installed (its download failed); running the same kiosk in the system's Chromium instead.";

let child: ChildProcessWithoutNullStreams | null = null;
let fakePackage: string | null = null;

afterEach(async () => {
  if (child !== null && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  child = null;
  if (fakePackage !== null) await rm(fakePackage, { recursive: true, force: true });
  fakePackage = null;
});

// Hang guards only: tsx, the kiosk core and Chromium all start here, on a shared, busy machine.
async function until(condition: () => boolean, what: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (child?.exitCode !== null) throw new Error(`npm start exited (${String(child?.exitCode)}) before ${what()}`);
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("npm start without Electron's binary", () => {
  it('says why in one line, serves the demo kiosk headless over CDP, and stops on SIGTERM to its pid', async () => {
    requireBuiltRenderer();
    fakePackage = await mkdtemp(path.join(os.tmpdir(), 'electron-without-binary-'));
    await writeFile(path.join(fakePackage, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));

    const started = spawn(process.execPath, [...withTsx, 'tools/start.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DISPLAY: '',
        WAYLAND_DISPLAY: '',
        // The system's Chromium, as the line says; the bundled one is covered by bundled-chromium.test.ts.
        SSPR_BROWSER: 'system',
        CHROMIUM_PATH: '',
        SSPR_ELECTRON_PACKAGE_DIR: fakePackage,
        // The renderer is already built; rebuilding it would pull it from under the other browser tests.
        SSPR_START_NO_BUILD: '1',
      },
    });
    child = started;
    let stdout = '';
    let stderr = '';
    started.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    await until(() => stdout.includes('\n'), () => `the ready line; stderr:\n${stderr}`);
    const [first, second] = stderr.split('\n');
    expect(first).toBe(whyLine);
    expect(second).toContain('No display (DISPLAY and WAYLAND_DISPLAY are unset), so it runs headless');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace

    const ready = stdout.trim();
    expect(ready).toContain('Kiosk preview ready at https://kiosk.test/index.html (headless)');
    expect(ready).toContain("browser: the system's Chromium");
    const cdpUrl = /connectOverCDP\('(http:\/\/127\.0\.0\.1:\d+)'\)/.exec(ready)?.[1];
    expect(cdpUrl).toBeDefined();
    expect(second).toContain(`chromium.connectOverCDP('${cdpUrl}')`);

    const remote = await chromium.connectOverCDP(cdpUrl as string);
    try {
      const [page] = remote.contexts().flatMap((context) => context.pages());
      if (page === undefined) throw new Error('The CDP client sees no page');
      expect(page.url()).toBe('https://kiosk.test/index.html');
      await startScreen(page).waitFor();
    } finally {
      await remote.close();
    }

    process.kill(started.pid as number, 'SIGTERM');
    const [code] = (await once(started, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr).toContain('Stopping the kiosk preview (SIGTERM)');
  }, 180_000);
});
