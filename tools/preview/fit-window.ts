import type { Page } from 'playwright-core';

/**
 * The headed window opens at the kiosk's portrait size; on a smaller screen it is shrunk to the
 * screen instead, so nothing of the UI ends up off-screen.
 */
export async function fitWindowToScreen(page: Page): Promise<void> {
  const { screen, outer } = await page.evaluate(() => {
    // Runs in the page; the host's tsconfig has no DOM types, so name just what is read.
    const view = globalThis as unknown as { screen: { availWidth: number; availHeight: number }; outerWidth: number; outerHeight: number };
    return {
      screen: { width: view.screen.availWidth, height: view.screen.availHeight },
      outer: { width: view.outerWidth, height: view.outerHeight },
    };
  });
  if (outer.width <= screen.width && outer.height <= screen.height) return;
  const cdp = await page.context().newCDPSession(page);
  try {
    const { windowId } = (await cdp.send('Browser.getWindowForTarget')) as { windowId: number };
    await cdp.send('Browser.setWindowBounds', {
      windowId,
      bounds: { left: 0, top: 0, width: Math.min(outer.width, screen.width), height: Math.min(outer.height, screen.height) },
    });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
