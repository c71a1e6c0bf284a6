import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pickBrowser } from '../../tools/browser/pick-browser.js';
import { HeadlessOnlyBrowserError, launchChromium } from '../../tools/preview/launch-chromium.js';
import type { Preview } from '../../tools/preview/host.js';
import { chooseJourney, startBrowserPreview, startScreen } from '../support/browser-preview.js';

/**
 * The Chromium inside the npm package @sparticuz/chromium (the fallback on a machine without a system
 * Chromium), forced with SSPR_BROWSER=bundled: it unpacks, and it runs the real kiosk page through the
 * preview host with the project's own launch flags.
 */

const bundled = { SSPR_BROWSER: 'bundled' };
let preview: Preview;

beforeAll(async () => {
  preview = await startBrowserPreview({ browserEnv: bundled });
});
afterAll(async () => {
  await preview?.close();
});

describe('the bundled Chromium (@sparticuz/chromium)', () => {
  it('unpacks to an executable in the temp folder and says it is headless only', async () => {
    const picked = await pickBrowser(bundled);
    expect(picked.source).toBe('bundled');
    expect(picked.headlessOnly).toBe(true);
    expect(picked.label).toContain('@sparticuz/chromium');
    accessSync(picked.executablePath, constants.X_OK);
    // A second pick reuses the unpacked copy.
    expect((await pickBrowser(bundled)).executablePath).toBe(picked.executablePath);
  });

  it('refuses a window in words, even where there is a display (it is chrome-headless-shell)', async () => {
    vi.stubEnv('DISPLAY', ':99');
    const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'bundled-window-'));
    try {
      const launch = launchChromium({ headless: false, cdpPort: null, scratchDir, browserEnv: bundled });
      await expect(launch).rejects.toBeInstanceOf(HeadlessOnlyBrowserError);
      await expect(launch).rejects.toThrow('cannot open a window. Use --headless');
    } finally {
      vi.unstubAllEnvs();
      rmSync(scratchDir, { recursive: true, force: true });
    }
  });

  it('runs the kiosk: the start screen, then the reset journey\'s first step', async () => {
    expect(preview.picked.source).toBe('bundled');
    expect(preview.browser.version()).toMatch(/^153\./);
    const { page } = preview;
    await startScreen(page).waitFor();
    await chooseJourney(page, 'reset');
    await page.getByLabel('Username').waitFor();
  });

  it('keeps the page\'s CSP in force (the project\'s launch flags, not the package\'s)', async () => {
    const { page } = preview;
    // An inline script is refused by the kiosk's CSP (script-src 'self'): it must not run.
    const ran = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { createElement(tag: string): { textContent: string }; body: { append(node: unknown): void } } }).document;
      const script = doc.createElement('script');
      script.textContent = 'globalThis.__inlineRan = true';
      doc.body.append(script);
      return (globalThis as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });
});
