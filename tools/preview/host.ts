import type { Browser, BrowserContext, Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import { createKiosk, type Kiosk } from '../../electron/core/kiosk.js';
import { loadConfig, validateConfig } from '../../electron/core/config/load-config.js';
import { createDemoConfig } from '../../electron/core/config/demo-config.js';
import { guessabilityOptionsFromConfig, loadGuessabilityEngine } from '../../electron/core/guessability/index.js';
import type { GuessabilityChecker, KeyProtector } from '../../electron/core/ports.js';
import type { SenderInfo } from '../../electron/core/ipc/sender.js';
import { buildKioskApiInitScript, invokeBindingName } from './kiosk-api-script.js';
import { assertCanShowWindow, kioskScreen, launchChromium } from './launch-chromium.js';
import { pickBrowserOnce, type PickedBrowser } from '../browser/pick-browser.js';
import type { BrowserEnv } from '../browser/choose-browser.js';
import { refuseForeignRequests, serveRenderer } from './serve-renderer.js';
import { fitWindowToScreen } from './fit-window.js';

/**
 * The kiosk without Electron: the same core the main process builds (createKiosk), the same built
 * renderer, in the system's Chromium (or the one tools/browser/pick-browser.ts picks). The page gets `window.kiosk` with the preload's named functions,
 * bound to the very IPC router the shell registers, so sender checks and schemas guard it the same way.
 */

export const defaultAppOrigin = 'https://kiosk.test';
export const defaultRendererDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

export interface PreviewOptions {
  /** A kiosk config file (JSON or YAML). Without one the preview runs in demo mode. */
  configPath?: string | null;
  /** Demo mode with a fresh demo database in a new temp folder (the default without configPath). */
  demo?: boolean;
  headless?: boolean;
  /** Opens Chromium's DevTools protocol on 127.0.0.1:N so a second client can drive the kiosk. */
  cdpPort?: number | null;
  appOrigin?: string;
  rendererDir?: string;
  /** Headless page size; headed windows take the kiosk screen size or the real screen's. */
  viewport?: { width: number; height: number };
  /** Last word on the config before the kiosk starts (e.g. a short done countdown in tests); re-validated. */
  adjustConfig?: (config: KioskConfig) => KioskConfig;
  /** Replaces the guessable-password engine the kiosk would load for this config. */
  guessability?: GuessabilityChecker;
  /**
   * How the deployment key is protected; the 0600 key file by default. Tests hand in one that refuses
   * (as Electron's safeStorage does on a Linux without a keyring) to see the kiosk without authenticator apps.
   */
  keyProtector?: KeyProtector;
  /** CHROMIUM_PATH / SSPR_BROWSER for the browser choice (tools/browser/pick-browser.ts); process.env by default. */
  browserEnv?: BrowserEnv;
  /** The kiosk core's log lines (never secrets); silent by default. */
  log?: (line: string) => void;
}

export interface Preview {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  kiosk: Kiosk;
  /** The page the kiosk shows, e.g. https://kiosk.test/index.html. */
  url: string;
  /** For chromium.connectOverCDP, when a CDP port was asked for. */
  cdpUrl: string | null;
  /** Which Chromium this preview runs in. */
  picked: PickedBrowser;
  /** Closes the browser, then the kiosk, then removes the preview's temp folder. Safe to call twice. */
  close(): Promise<void>;
}

export class RendererNotBuiltError extends Error {
  constructor(rendererDir: string) {
    super(`The renderer is not built: ${path.join(rendererDir, 'index.html')} is missing. Run \`npm run build:renderer\` first.`);
    this.name = 'RendererNotBuiltError';
  }
}

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const appOrigin = options.appOrigin ?? defaultAppOrigin;
  const rendererDir = options.rendererDir ?? defaultRendererDir;
  const headless = options.headless ?? false;
  const cdpPort = options.cdpPort ?? null;
  if (options.demo === true && options.configPath) throw new Error('Choose either demo mode or a config file, not both.');
  if (cdpPort !== null && (!Number.isInteger(cdpPort) || cdpPort < 1 || cdpPort > 65535))
    throw new Error(`The CDP port must be a whole number from 1 to 65535 (got ${String(cdpPort)}).`);
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new RendererNotBuiltError(rendererDir);
  assertCanShowWindow(headless);

  // Everything the preview writes (demo database, Chromium's config and cache) lives here.
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'sspr-preview-'));
  const cleanups: Array<() => Promise<void>> = [() => rm(scratchDir, { recursive: true, force: true })];
  const unwind = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };

  try {
    const loaded = options.configPath ? loadConfig(options.configPath) : await freshDemoConfig(scratchDir);
    // Adjusted settings go through the same checks as a config file, so a test cannot start an impossible kiosk.
    const config = options.adjustConfig ? validateConfig(options.adjustConfig(loaded), 'adjusted preview config', process.cwd()) : loaded;
    // Chromium starts while the kiosk seeds its database: the two are independent and each takes a while.
    let kioskStart: Promise<Kiosk> | null = null;
    cleanups.push(async () => (kioskStart === null ? undefined : (await kioskStart).close()));
    const browserEnv = options.browserEnv ?? process.env;
    const browserLaunch = launchChromium({ headless, cdpPort, scratchDir, browserEnv });
    // Registered after the kiosk's, so it runs first: no call can reach a closing kiosk.
    cleanups.push(async () => (await browserLaunch).close());
    // The same engine and options the Electron main process loads, so passwords are judged identically.
    const guessability = options.guessability ?? loadGuessabilityEngine(guessabilityOptionsFromConfig(config));
    const initScriptBuild = buildKioskApiInitScript();
    kioskStart = createKiosk({
      config,
      appOrigin,
      guessability,
      // Leaving kiosk mode (a technician, or the admin PIN): the browser closes, as Electron's app.quit()
      // closes the window; the CLI then stops the kiosk on the browser's 'disconnected'.
      onQuit: () => void browserLaunch.then((browser) => browser.close()).catch(() => undefined),
      ...(options.log ? { log: options.log } : {}),
      ...(options.keyProtector ? { keyProtector: options.keyProtector } : {}),
    });
    const [kiosk, browser, initScript, picked] = await Promise.all([kioskStart, browserLaunch, initScriptBuild, pickBrowserOnce(browserEnv)]);

    const context = await browser.newContext({
      viewport: headless ? (options.viewport ?? kioskScreen) : null,
      serviceWorkers: 'block',
      acceptDownloads: false,
      locale: 'en-GB',
    });
    const page = await context.newPage();

    await page.exposeBinding(invokeBindingName, (source, channel: unknown, payload: unknown) => {
      const sender: SenderInfo = { url: source.frame.url(), isMainFrame: source.frame.parentFrame() === null };
      return kiosk.router.handle(typeof channel === 'string' ? channel : '', sender, payload);
    });
    await page.addInitScript({ content: initScript });
    await refuseForeignRequests(page, appOrigin);
    await serveRenderer(page, { appOrigin, rendererDir });

    const url = `${appOrigin}/index.html`;
    await page.goto(url);
    if (!headless) await fitWindowToScreen(page);

    let closing: Promise<void> | null = null;
    return {
      browser,
      context,
      page,
      kiosk,
      url,
      cdpUrl: cdpPort === null ? null : `http://127.0.0.1:${cdpPort}`,
      picked,
      close: () => (closing ??= unwind()),
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}

/** Demo mode: a new folder for the demo database, which the kiosk seeds afresh. */
async function freshDemoConfig(scratchDir: string): Promise<KioskConfig> {
  const dataDir = path.join(scratchDir, 'demo');
  await mkdir(dataDir);
  return createDemoConfig(dataDir);
}
