import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import { atMenu, chooseLanguage, openJourney, submitForm } from '../support/browser-any-language.js';
import { accessibilityFindings } from '../support/browser-axe.js';
import { createTranslator } from '../../shared/i18n/translator.js';
import { expectedUntilWords, roomyBlockLimits, typeWrongCodesUntilBlocked } from '../support/browser-blocked.js';
import { demoPasswordOf } from '../support/browser-directory.js';
import { appSender, backToStart, expectStage, stageContainer, startBrowserPreview, startScreen } from '../support/browser-preview.js';
import { kioskScreenSizeNames, kioskScreenSizes, type KioskScreenSize } from '../support/screen-sizes.js';

/**
 * Issue 12, item 2, in registration: a signed-in person adding an email address who types wrong
 * codes until their account's failed-proof limit is reached ends at the blocked screen (what happened,
 * until when as a time of day, the Service Desk, one Finish), not on a code screen that still takes
 * codes. Each screen size blocks a different demo person: a block lasts a day.
 */
const people: Record<KioskScreenSize, string> = { portrait: 'ben.okafor', landscape: 'chloe.martin', small: 'erin.walsh' };

/** The page's own document, in a test compiled without DOM types. */
interface PageDocument {
  document: {
    activeElement: { id: string } | null;
    scrollingElement: { scrollTop: number };
    documentElement: { clientWidth: number; clientHeight: number };
    elementFromPoint(x: number, y: number): unknown;
  };
}
interface PageElement {
  getBoundingClientRect(): { top: number; bottom: number; left: number; right: number; width: number; height: number };
  contains(other: unknown): boolean;
}

/** Whether the element is fully on screen and not covered, with the page at its top (as fold.test.ts measures). */
async function inViewUncovered(page: Page, selector: string): Promise<boolean> {
  await page.evaluate(() => {
    (globalThis as unknown as PageDocument).document.scrollingElement.scrollTop = 0;
  });
  return page.locator(selector).evaluate((element) => {
    const { document } = globalThis as unknown as PageDocument;
    const target = element as unknown as PageElement;
    const box = target.getBoundingClientRect();
    const { clientWidth, clientHeight } = document.documentElement;
    const inside = box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= clientHeight && box.right <= clientWidth;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return inside && hit !== null && target.contains(hit);
  });
}

async function mainView(preview: Preview): Promise<{ stage: string; purpose?: string; until?: string }> {
  const view = await preview.kiosk.router.handle('session:get', appSender(preview), {});
  if (!view.ok) throw new Error(`session:get failed: ${view.error.code}`);
  return view.value as { stage: string; purpose?: string; until?: string };
}

/** From the menu, in any language: sign in to registration, open "add an email", send a code to a new address. */
async function addEmailUpToTheCode(page: Page, username: string, address: string): Promise<void> {
  await openJourney(page, 'register');
  await page.locator('#username').fill(username);
  await page.locator('#current-password').fill(demoPasswordOf(username));
  await submitForm(page);
  await expectStage(page, 'methods');
  await page.locator('[data-testid="stage-methods"] section[data-kind="email"] > button').first().click();
  await page.locator('[data-testid="stage-methods"][data-screen="add-email"]').waitFor();
  await page.locator('#new-email').fill(address);
  await page.locator('#new-email-again').fill(address);
  await submitForm(page);
  await expectStage(page, 'method_code');
}

describe('registration: "Too many tries" on a new address ends at the blocked screen (issue 12, item 2)', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: roomyBlockLimits });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it.each(kioskScreenSizeNames)('at %s: what happened to the account, until when, the desk, and Finish in view back to the start', async (size) => {
    const { page, kiosk } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    await backToStart(preview);
    await atMenu(page);
    await addEmailUpToTheCode(page, people[size], `${people[size]}@personal.example`);
    await typeWrongCodesUntilBlocked(page, { codeLength: kiosk.config.codes.length, limit: kiosk.config.throttle.failedProofs.limit });

    const view = await mainView(preview);
    expect(view).toMatchObject({ stage: 'blocked', purpose: 'register' });
    const until = new Date(view.until!);
    // The throttle's own end: a day (failedProofs.blockMinutes) after the last wrong code.
    expect(until.getTime()).toBeGreaterThan(Date.now() + (kiosk.config.throttle.failedProofs.blockMinutes - 5) * 60_000);

    const screen = stageContainer(page, 'blocked');
    expect(await screen.getAttribute('data-purpose')).toBe('register');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Too many tries');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageDocument).document.activeElement?.id)).toBe('stage-heading');
    expect(await screen.locator('.lead').innerText()).toBe(
      'A wrong code was typed too many times. For your safety, codes are paused for your account. The change you were making was not saved.',
    );
    expect(await screen.getByTestId('blocked-until').innerText()).toBe(expectedUntilWords(until));
    const words = await screen.innerText();
    expect(words).toContain(kiosk.config.branding.serviceDesk.name);
    expect(words).toContain(kiosk.config.branding.serviceDesk.phone);
    // Nothing that takes a code, sends one or saves is left, and no help ticket (main makes none here).
    for (const name of ['Verify', 'Send a new code', 'Cancel', 'Confirm', 'Start over']) expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await page.locator('#code').count()).toBe(0);
    expect(await page.getByTestId('help-ticket-offer').count()).toBe(0);
    const finish = '[data-testid="stage-blocked"] .action-bar [data-testid="blocked-finish"]';
    expect(await page.locator(finish).innerText()).toBe('Finish');
    expect(await inViewUncovered(page, finish)).toBe(true);
    expect(await accessibilityFindings(page)).toEqual([]);

    await page.locator(finish).click();
    await startScreen(page).waitFor();
    await expect.poll(async () => (await mainView(preview)).stage).toBe('identify');
  });
});

/**
 * Every other language, in a kiosk of its own (its store is new, so the same people can be blocked
 * again): the end state in the session language, right to left in Arabic, with no accessibility findings.
 */
describe('registration: the blocked screen in French, Spanish and Arabic', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: roomyBlockLimits });
  });
  afterAll(async () => {
    await preview?.close();
  });

  const languages = [
    { language: 'fr', person: 'ben.okafor', dir: 'ltr' },
    { language: 'es', person: 'chloe.martin', dir: 'ltr' },
    { language: 'ar', person: 'amira.khan', dir: 'rtl' },
  ] as const;

  it.each(languages)('in $language: the same end state in the session language, Finish in view, no accessibility findings', async ({ language, person, dir }) => {
    const { page, kiosk } = preview;
    const words = createTranslator(language);
    await page.setViewportSize(kioskScreenSizes.small);
    await backToStart(preview);
    await atMenu(page);
    await chooseLanguage(page, language);
    await addEmailUpToTheCode(page, person, `${person}@personal.example`);
    await typeWrongCodesUntilBlocked(page, { codeLength: kiosk.config.codes.length, limit: kiosk.config.throttle.failedProofs.limit });
    expect(await page.locator('html').getAttribute('dir')).toBe(dir);
    const screen = stageContainer(page, 'blocked');
    expect(await screen.locator('.lead').innerText()).toBe(words.t('registration.blocked.lead'));
    expect(await page.getByTestId('blocked-until').innerText()).not.toBe('');
    expect(await inViewUncovered(page, '[data-testid="blocked-finish"]')).toBe(true);
    expect(await accessibilityFindings(page)).toEqual([]);
    await page.getByTestId('blocked-finish').click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await expect.poll(async () => (await mainView(preview)).stage).toBe('identify');
  });
});
