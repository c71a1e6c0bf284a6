import type { Page, Route } from 'playwright-core';
import { APP_ORIGIN, serveAppRequest } from '../../electron/app-protocol.js';

/**
 * Serves the built renderer on the preview's origin with the Electron shell's own protocol handler
 * (electron/app-protocol.ts): the same traversal rules, MIME types and CSP header, so the page runs
 * exactly as it does behind app://kiosk.
 */
export async function serveRenderer(page: Page, options: { appOrigin: string; rendererDir: string }): Promise<void> {
  await page.route(`${options.appOrigin}/**`, async (route: Route) => {
    const request = route.request();
    const response = await serveAppRequest(
      { url: asAppProtocolUrl(request.url(), options.appOrigin), method: request.method() },
      options.rendererDir,
    );
    await route.fulfill({ status: response.status, headers: response.headers, body: response.body ?? '' });
  });
}

/** https://kiosk.test/assets/x.js -> app://kiosk/assets/x.js, keeping the path text exactly as sent. */
export function asAppProtocolUrl(url: string, appOrigin: string): string {
  return url.startsWith(`${appOrigin}/`) || url === appOrigin ? APP_ORIGIN + url.slice(appOrigin.length) : url;
}

/**
 * The kiosk is offline: nothing but the app origin may load. Tests that need a foreign page register
 * their own route afterwards, which Playwright consults first.
 */
export async function refuseForeignRequests(page: Page, appOrigin: string): Promise<void> {
  await page.route(
    (url) => url.origin !== appOrigin,
    (route) => route.abort('blockedbyclient'),
  );
}
