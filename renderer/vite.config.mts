import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/**
 * The kiosk's CSP allows no inline script or style, so a build that emits any would render as a blank
 * page in Electron. Failing the build says so at once instead.
 */
function refuseInlineCode(): Plugin {
  const inlineScript = /<script\b(?![^>]*\bsrc=)[^>]*>/i;
  const inlineStyle = /<style\b|\sstyle\s*=/i;
  const inlineHandler = /\son[a-z]+\s*=/i;
  return {
    name: 'kiosk:refuse-inline-code',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
        const html = String(file.source);
        for (const [what, pattern] of [
          ['inline <script>', inlineScript],
          ['inline style', inlineStyle],
          ['inline event handler', inlineHandler],
        ] as const) {
          if (pattern.test(html)) this.error(`${file.fileName} contains an ${what}; the kiosk CSP would block it`);
        }
      }
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), refuseInlineCode()],
  build: {
    outDir,
    emptyOutDir: true,
    // data: URLs for fonts would be blocked by the CSP; keep every asset a file next to the page.
    assetsInlineLimit: 0,
    // Chromium has native modulepreload; the polyfill would only add code.
    modulePreload: { polyfill: false },
  },
});
