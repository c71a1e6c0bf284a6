import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import { chooseLanguage, openJourney, pressStartOver, typeUsername } from '../support/browser-any-language.js';
import { accessibilityFindings } from '../support/browser-axe.js';
import { expectedUntilWords, roomyBlockLimits, typeWrongCodesUntilBlocked } from '../support/browser-blocked.js';
import {
  appSender,
  askForCode,
  askForEmailCode,
  backToStart,
  demoMessages,
  enterUsername,
  expectStage,
  stageContainer,
  startBrowserPreview,
  startScreen,
} from '../support/browser-preview.js';
import { kioskScreenSizeNames, kioskScreenSizes } from '../support/screen-sizes.js';

async function blockedUntil(preview: Preview): Promise<Date> {
  const view = await preview.kiosk.router.handle('session:get', appSender(preview), {});
  if (!view.ok || (view.value as { stage: string }).stage !== 'blocked') throw new Error('main is not at the blocked stage');
  return new Date((view.value as { until: string }).until);
}

/** The page's own document, in a test compiled without DOM types. */
interface PageDocument {
  document: { activeElement: { id: string } | null; documentElement: { scrollHeight: number } };
}


describe('"Too many tries" ends in the blocked screen, and the demo inbox holds one visitor (issue 12, items 2 and 6)', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: roomyBlockLimits });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it.each(kioskScreenSizeNames)('blocked at %s: what happened, until when, the desk, and one Finish back to the start', async (size) => {
    const { page, kiosk } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    await backToStart(preview);
    // An unknown name: it is blocked exactly like a real one, and the screen says nothing about the account.
    await enterUsername(page, `nobody.${size}`);
    await askForEmailCode(page);
    await typeWrongCodesUntilBlocked(page, { codeLength: kiosk.config.codes.length, limit: kiosk.config.throttle.failedProofs.limit });

    const screen = stageContainer(page, 'blocked');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Too many tries');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageDocument).document.activeElement?.id)).toBe('stage-heading');
    expect(await screen.getByTestId('blocked-until').innerText()).toBe(expectedUntilWords(await blockedUntil(preview)));
    const words = await screen.innerText();
    expect(words).toContain(kiosk.config.branding.serviceDesk.name);
    expect(words).toContain(kiosk.config.branding.serviceDesk.phone);
    expect(words).not.toMatch(/not set up|not registered|not sure/i);
    // Nothing that would take a code or send one is left.
    for (const name of ['Verify', 'Send a new code', 'Email me a code', 'Text me a code']) expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await page.locator('#code').count()).toBe(0);
    expect(await screen.getByRole('button', { name: 'Start over' }).count()).toBe(0);
    const finish = screen.getByRole('button', { name: 'Finish' });
    expect(await finish.count()).toBe(1);
    expect((await finish.boundingBox())!.height).toBeGreaterThanOrEqual(60);
    expect(await accessibilityFindings(page)).toEqual([]);

    await finish.click();
    await startScreen(page).waitFor();
    await expect.poll(() => preview.kiosk.router.handle('session:get', appSender(preview), {}).then((view) => view.ok && (view.value as { stage: string }).stage)).toBe('identify');
  });

  it.each(kioskScreenSizeNames)('blocked at %s in Arabic: the same screen, right to left, with no accessibility findings', async (size) => {
    const { page, kiosk } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    await backToStart(preview);
    await chooseLanguage(page, 'ar');
    await openJourney(page, 'unlock');
    await typeUsername(page, `nobody.ar.${size}`, 'unlock');
    await page.locator('button[data-method="email"]').click();
    await expectStage(page, 'code_sent');
    await typeWrongCodesUntilBlocked(page, { codeLength: kiosk.config.codes.length, limit: kiosk.config.throttle.failedProofs.limit });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('محاولات كثيرة جدًا');
    expect(await page.getByTestId('blocked-until').innerText()).toMatch(/^يمكنك المحاولة مرة أخرى بعد الساعة .+\.$/);
    expect(await page.locator('#code').count()).toBe(0);
    expect(await accessibilityFindings(page)).toEqual([]);
    await page.getByTestId('blocked-finish').click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  });

  it.each(kioskScreenSizeNames)('the demo inbox at %s: after two journeys only the last visitor’s messages, newest first, in a capped area', async (size) => {
    const { page } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    await backToStart(preview);
    const inbox = page.getByTestId('demo-inbox');

    // The first visitor: ben has two verified addresses, so one request leaves two messages.
    await enterUsername(page, 'ben.okafor');
    await askForEmailCode(page);
    await expect.poll(() => demoMessages(page).count(), { timeout: 15_000 }).toBe(2);
    await pressStartOver(page);
    await startScreen(page).waitFor();
    await expect.poll(() => demoMessages(page).count()).toBe(0);

    // The next visitor asks for a code, then for new ones, until the inbox scrolls within its cap.
    await enterUsername(page, 'amira.khan');
    await askForCode(page, 'email');
    let count = 1;
    await expect.poll(() => demoMessages(page).count(), { timeout: 15_000 }).toBe(count);
    const sendNew = page.getByRole('button', { name: 'Send a new code' });
    const scrolls = () => inbox.evaluate((element) => element.scrollHeight > element.clientHeight);
    const pageHeight = () => page.evaluate(() => (globalThis as unknown as PageDocument).document.documentElement.scrollHeight);
    // At least one new code first: its "on its way" notice changes the code screen's own height once.
    for (let resends = 0; resends < 8 && (resends === 0 || !(await scrolls())); resends += 1) {
      await sendNew.click();
      count += 1;
      await expect.poll(() => demoMessages(page).count(), { timeout: 15_000 }).toBe(count);
    }
    expect(await scrolls()).toBe(true);
    const heightBefore = await pageHeight();
    await sendNew.click();
    count += 1;
    await expect.poll(() => demoMessages(page).count(), { timeout: 15_000 }).toBe(count);
    // One more message: the inbox scrolls, the page keeps its height.
    expect(await pageHeight()).toBe(heightBefore);

    const viewportHeight = kioskScreenSizes[size].height;
    const inboxHeight = (await inbox.boundingBox())!.height;
    expect(inboxHeight).toBeLessThanOrEqual(viewportHeight * 0.75 + 1);
    // Only amira's messages, the newest (highest id) first.
    const addresses = await demoMessages(page).locator('dd[data-value-text] span').allInnerTexts();
    expect(new Set(addresses)).toEqual(new Set(['amira.khan@homemail.example']));
    const ids = (await demoMessages(page).evaluateAll((articles) => articles.map((article) => Number(article.getAttribute('data-message-id')))));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ids).toHaveLength(count);
    // The newest message sits at the top of the inbox, in view without scrolling it.
    expect(await demoMessages(page).first().evaluate((article) => article.getBoundingClientRect().top < (article.closest('aside')!.getBoundingClientRect().bottom))).toBe(true);
  });
});
