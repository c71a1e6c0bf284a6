import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Name of the Playwright binding the init script talks to; the page itself gets named functions. */
export const invokeBindingName = '__kioskInvoke';

/**
 * The preview's stand-in for the preload: shared/ipc/kiosk-api.ts bundled to a script that defines
 * `window.kiosk` with the same named functions the Electron preload exposes. Built from the source at
 * start-up so the two can never drift apart.
 */
export async function buildKioskApiInitScript(): Promise<string> {
  const entry = `
    import { createKioskApi } from './shared/ipc/kiosk-api.ts';
    // Like the preload, only the top-level document gets the API; an iframe never does.
    if (window.top === window) {
      const invoke = (channel, payload) => window[${JSON.stringify(invokeBindingName)}](channel, payload);
      // contextBridge hands the page a frozen copy it cannot replace; do the same.
      Object.defineProperty(window, 'kiosk', {
        value: Object.freeze(createKioskApi(invoke)),
        writable: false,
        configurable: false,
        enumerable: true,
      });
    }
  `;
  const result = await build({
    stdin: { contents: entry, loader: 'ts', resolveDir: repoRoot, sourcefile: 'preview-preload.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output for the preview preload');
  return output.text;
}
