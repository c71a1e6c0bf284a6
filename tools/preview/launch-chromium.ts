import { chromium, type Browser } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pickBrowserOnce, type PickedBrowser } from '../browser/pick-browser.js';
import type { BrowserEnv } from '../browser/choose-browser.js';

/** The portrait kiosk screen the UI is designed for. */
export const kioskScreen = { width: 1080, height: 1920 } as const;

export interface ChromiumLaunch {
  headless: boolean;
  cdpPort: number | null;
  /** Chromium writes its config and cache here instead of the home directory. */
  scratchDir: string;
  /** CHROMIUM_PATH / SSPR_BROWSER for the browser choice (tools/browser); process.env by default. */
  browserEnv?: BrowserEnv;
}

export function chromiumArgs(options: Pick<ChromiumLaunch, 'headless' | 'cdpPort'>): string[] {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  if (!options.headless) args.push(`--window-size=${kioskScreen.width},${kioskScreen.height}`);
  // Chromium binds the debugging port to 127.0.0.1 only unless told otherwise; never widen it.
  if (options.cdpPort !== null) args.push(`--remote-debugging-port=${options.cdpPort}`);
  return args;
}

export class NoDisplayError extends Error {
  constructor() {
    super('No display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset). Use --headless, or run under xvfb-run.');
    this.name = 'NoDisplayError';
  }
}

/** Checked before anything else starts, so a missing display costs nothing to find out. */
export function assertCanShowWindow(headless: boolean, env: NodeJS.ProcessEnv = process.env): void {
  if (!headless && !env.DISPLAY && !env.WAYLAND_DISPLAY) throw new NoDisplayError();
}

export class HeadlessOnlyBrowserError extends Error {
  constructor(browser: PickedBrowser) {
    super(
      `This run's browser is ${browser.label}, which cannot open a window. Use --headless, or install the system's Chromium (e.g. apt-get install chromium) or set CHROMIUM_PATH.`,
    );
    this.name = 'HeadlessOnlyBrowserError';
  }
}

export async function launchChromium(options: ChromiumLaunch): Promise<Browser> {
  assertCanShowWindow(options.headless);
  const browser = await pickBrowserOnce(options.browserEnv ?? process.env);
  if (browser.headlessOnly && !options.headless) throw new HeadlessOnlyBrowserError(browser);
  const xdgConfig = path.join(options.scratchDir, 'xdg-config');
  const xdgCache = path.join(options.scratchDir, 'xdg-cache');
  await Promise.all([mkdir(xdgConfig, { recursive: true }), mkdir(xdgCache, { recursive: true })]);
  return chromium.launch({
    executablePath: browser.executablePath,
    headless: options.headless,
    // The project's own flags for every browser. @sparticuz/chromium's recommended args are not used:
    // they include --disable-web-security, --single-process and --disable-site-isolation-trials,
    // which switch off the same-origin policy and site isolation the kiosk page is meant to run under.
    args: chromiumArgs(options),
    env: { ...process.env, XDG_CONFIG_HOME: xdgConfig, XDG_CACHE_HOME: xdgCache },
    // The host closes the browser itself, after the kiosk, on SIGINT/SIGTERM.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}
