import { accessSync, constants, statSync } from 'node:fs';
import { chooseBrowser, forceHint, type BrowserEnv, type BrowserSource } from './choose-browser.js';
import { bundledChromiumVersion, unpackBundledChromium } from './bundled-chromium.js';

/** The one place that says which Chromium a run uses (preview host, `npm start`'s fallback, browser tests). */

export interface PickedBrowser {
  source: BrowserSource;
  executablePath: string;
  /** The bundled build is chrome-headless-shell: it cannot open a window. */
  headlessOnly: boolean;
  /** For the "which browser" line: e.g. "the system's Chromium (/usr/bin/chromium)". */
  label: string;
}

export class NoBrowserError extends Error {
  constructor(message: string) {
    super(`No Chromium for the kiosk preview: ${message}`);
    this.name = 'NoBrowserError';
  }
}

export function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export async function pickBrowser(env: BrowserEnv = process.env): Promise<PickedBrowser> {
  const choice = chooseBrowser(env, isExecutableFile);
  switch (choice.kind) {
    case 'none':
      throw new NoBrowserError(choice.message);
    case 'executable':
      return {
        source: choice.source,
        executablePath: choice.executablePath,
        headlessOnly: false,
        label: choice.source === 'system' ? `the system's Chromium (${choice.executablePath})` : `CHROMIUM_PATH (${choice.executablePath})`,
      };
    case 'bundled': {
      const executablePath = await unpackBundledChromium();
      return {
        source: 'bundled',
        executablePath,
        headlessOnly: true,
        label: `the headless Chromium ${bundledChromiumVersion()} from the npm package @sparticuz/chromium (${executablePath})`,
      };
    }
  }
}

const picked = new Map<string, Promise<PickedBrowser>>();

/** pickBrowser once per process and setting (unpacking and PATH lookups are not free; tests launch many browsers). */
export function pickBrowserOnce(env: BrowserEnv = process.env): Promise<PickedBrowser> {
  const key = JSON.stringify([env.CHROMIUM_PATH ?? '', env.SSPR_BROWSER ?? '', env.PATH ?? '']);
  let pending = picked.get(key);
  if (pending === undefined) {
    pending = pickBrowser(env);
    picked.set(key, pending);
    pending.catch(() => picked.delete(key));
  }
  return pending;
}

export function browserLine(browser: PickedBrowser): string {
  return `Browser: ${browser.label}; ${forceHint}.`;
}
