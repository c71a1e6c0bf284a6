import { resolveConfigSource } from '../../electron/launch-config.js';
import type { BrowserSource } from '../browser/choose-browser.js';
import type { ElectronBinary } from './electron-binary.js';

/**
 * What `npm start` does when Electron's binary is missing or does not run: one line saying why, then the
 * same kiosk in the preview host (tools/preview), in a window where there is a display, else headless
 * with a line saying how to look at it. Pure, so each case is a unit test.
 */

export type BrowserOutcome = { source: BrowserSource; headlessOnly: boolean } | { error: string };

export interface FallbackInput {
  electron: Exclude<ElectronBinary, { state: 'present' }>;
  browser: BrowserOutcome;
  /** The arguments after `npm start --`, as Electron would get them (e.g. --config FILE). */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** A free loopback port for the DevTools protocol when there is no window. */
  cdpPort: number;
}

export type FallbackPlan = { run: true; lines: string[]; previewArgs: string[] } | { run: false; lines: string[] };

export function hasDisplay(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env.DISPLAY) || Boolean(env.WAYLAND_DISPLAY);
}

function whyNoElectron(electron: FallbackInput['electron']): string {
  return electron.state === 'missing'
    ? "Electron's binary is not installed (its download failed)"
    : `Electron's binary at ${electron.path} does not run (${electron.detail})`;
}

function browserName(source: BrowserSource): string {
  switch (source) {
    case 'system':
      return "the system's Chromium";
    case 'CHROMIUM_PATH':
      return 'the Chromium named by CHROMIUM_PATH';
    case 'bundled':
      return 'the headless Chromium from the npm package @sparticuz/chromium';
  }
}

export function planFallback(input: FallbackInput): FallbackPlan {
  const why = whyNoElectron(input.electron);
  if ('error' in input.browser) return { run: false, lines: [`${why}, and the kiosk cannot run in Chromium instead: ${input.browser.error}`] };

  const config = resolveConfigSource(input.argv, input.env);
  if (config.kind === 'invalid') return { run: false, lines: [config.message] };
  const previewArgs = config.kind === 'file' ? ['--config', config.path] : ['--demo'];

  const lines = [`${why}; running the same kiosk in ${browserName(input.browser.source)} instead.`];
  const display = hasDisplay(input.env);
  if (display && !input.browser.headlessOnly) return { run: true, lines, previewArgs };

  const cdpUrl = `http://127.0.0.1:${input.cdpPort}`;
  const cause = display
    ? 'That Chromium cannot open a window (install the system\'s chromium for one)'
    : 'No display (DISPLAY and WAYLAND_DISPLAY are unset)';
  lines.push(
    `${cause}, so it runs headless: look at it in Chrome's chrome://inspect (Configure: 127.0.0.1:${input.cdpPort}) or drive it with ` +
      `chromium.connectOverCDP('${cdpUrl}')${display ? '' : '; for a window, run `xvfb-run -a npm start` or start from a desktop session'}.`,
  );
  return { run: true, lines, previewArgs: [...previewArgs, '--headless', '--cdp-port', String(input.cdpPort)] };
}
