import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Screenshots for docs/screenshots, taken by the browser tests so they cannot drift from the kiosk.
 * What changes from run to run (codes in the demo inbox, countdowns, times, ticket codes) is painted
 * over, and a file is written only when its picture changed, so a test run leaves git clean.
 */
function varyingParts(page: Page) {
  return [
    page.locator('.countdown'),
    page.locator('time'),
    page.getByTestId('ticket-code'),
    page.getByTestId('ticket-valid-until'),
    page.getByTestId('blocked-until'),
    // A typed code: a wrong one is made from the real code, so it changes every run.
    page.locator('input#code'),
    // Times and dates in a technician's view of a person (when the password was last changed), in any digits.
    page.locator('dd').filter({ hasText: /[0-9٠-٩]{1,2}[:٫][0-9٠-٩]{2}|\b20\d\d\b|٢٠[٠-٩]{2}/ }),
  ];
}

/**
 * Paints the demo inbox's messages (codes, times) as grey blocks, or takes the paint off again. A mask
 * would be drawn over a message's whole box, past the bottom of the inbox that scrolls it; and the
 * kiosk's CSP refuses an injected stylesheet, so the styles are set on the elements themselves.
 */
function paintDemoMessages(page: Page, on: boolean): Promise<void> {
  return page.evaluate((paint) => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<{ style: { background: string; visibility: string } }> } }).document;
    for (const item of doc.querySelectorAll('.demo-messages > li')) item.style.background = paint ? '#d0d4da' : '';
    for (const inside of doc.querySelectorAll('.demo-messages > li > *')) inside.style.visibility = paint ? 'hidden' : '';
  }, on);
}

export async function saveScreenshot(page: Page, file: string): Promise<Buffer> {
  mkdirSync(path.dirname(file), { recursive: true });
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  // A focused field's caret and ring can be caught mid-blink; the pictures show screens at rest.
  await page.evaluate('document.activeElement?.blur()');
  // Focus moved into a field may have scrolled the page; the pictures show each screen from its top.
  await page.evaluate('window.scrollTo(0, 0)');
  await paintDemoMessages(page, true);
  const picture = await page
    .screenshot({ animations: 'disabled', caret: 'hide', mask: varyingParts(page), maskColor: '#d0d4da' })
    .finally(() => paintDemoMessages(page, false));
  if (!existsSync(file) || !readFileSync(file).equals(picture)) writeFileSync(file, picture);
  return picture;
}
