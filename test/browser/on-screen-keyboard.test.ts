import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../shared/i18n/translator.js';
import type { Preview } from '../../tools/preview/host.js';
import { atMenu, chooseLanguage, emailCode, openJourney } from '../support/browser-any-language.js';
import { accessibilityFindings } from '../support/browser-axe.js';
import { demoPasswordOf } from '../support/browser-directory.js';
import { signInToRegister } from '../support/browser-registration.js';
import { appSender, expectStage, startBrowserPreview, withKiosk } from '../support/browser-preview.js';
import { kioskScreenSizeNames, kioskScreenSizes, type KioskScreenSize } from '../support/screen-sizes.js';
import { markCatalogueWords, unmarkedTexts } from '../support/unmarked-text.js';

/**
 * Issue 12, item 8: with `kiosk.onScreenKeyboard: on`, focusing a box shows a keyboard docked at the
 * bottom (a digit pad for the code) that types into the box as a person would, never covers it, and
 * goes away with the step. Off (the default), there is none. Each at all three screen sizes.
 */

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const keyboard = (page: Page) => page.getByTestId('on-screen-keyboard');
const key = (page: Page, name: string) => keyboard(page).locator(`button[data-skbtn="${name}"]`);

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('not rendered');
  return box;
}

/** The focused box is wholly on screen and wholly above the keyboard (by measurement, not by class names). */
async function expectFieldAboveKeyboard(page: Page, field: Locator, size: KioskScreenSize): Promise<void> {
  const fieldBox = await boxOf(field);
  const keyboardBox = await boxOf(keyboard(page));
  expect(keyboardBox.y + keyboardBox.height).toBeCloseTo(kioskScreenSizes[size].height, 0);
  expect(fieldBox.y).toBeGreaterThanOrEqual(0);
  const intersects =
    fieldBox.x < keyboardBox.x + keyboardBox.width &&
    keyboardBox.x < fieldBox.x + fieldBox.width &&
    fieldBox.y < keyboardBox.y + keyboardBox.height &&
    keyboardBox.y < fieldBox.y + fieldBox.height;
  expect(intersects).toBe(false);
  // The step's ActionBar (its main action and Start over), where the step has one, stays in view on top of the keyboard.
  for (const bar of await page.getByTestId('action-bar').all()) {
    const barBox = await boxOf(bar);
    expect(barBox.y).toBeGreaterThanOrEqual(0);
    expect(barBox.y + barBox.height).toBeLessThanOrEqual(keyboardBox.y + 1);
  }
}

/** The smallest width and height of any key. */
async function smallestKey(page: Page): Promise<{ width: number; height: number }> {
  const boxes = await Promise.all((await keyboard(page).locator('button').all()).map(boxOf));
  expect(boxes.length).toBeGreaterThan(0);
  return { width: Math.min(...boxes.map((box) => box.width)), height: Math.min(...boxes.map((box) => box.height)) };
}

async function typeOnKeyboard(page: Page, text: string): Promise<void> {
  for (const character of text) await key(page, character).click();
}

/** The field's text, whether it still has focus, and where its caret is. */
async function fieldState(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const { document } = globalThis as unknown as {
      document: { querySelector(s: string): { value: string; selectionStart: number | null; id: string } | null; activeElement: { id: string } | null };
    };
    const field = document.querySelector(selector);
    return { value: field?.value, focused: document.activeElement?.id === field?.id, caret: field?.selectionStart };
  }, selector);
}

/** Ends the walk-up session and reloads the page (found by test id, so it works in the marked pseudo-language too). */
async function freshStart(preview: Preview): Promise<void> {
  await preview.kiosk.router.handle('session:startOver', appSender(preview), {});
  await preview.page.goto(preview.url);
  await atMenu(preview.page);
}

/** The text simple-keyboard itself holds, per instance and input name. */
async function keptByKeyboard(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const instances = (globalThis as unknown as { SimpleKeyboardInstances?: Record<string, { input: Record<string, string> } | null> }).SimpleKeyboardInstances ?? {};
    return Object.values(instances).flatMap((instance) => Object.values(instance?.input ?? {}));
  });
}

const resetUsers: Record<KioskScreenSize, string> = { portrait: 'amira.khan', landscape: 'ben.okafor', small: 'dev.patel' };
const registerUsers: Record<KioskScreenSize, string> = { portrait: 'chloe.martin', landscape: 'erin.walsh', small: 'grace.nowak' };

describe('the on-screen keyboard, turned on in the config', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: withKiosk({ onScreenKeyboard: 'on' }) });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it.each(kioskScreenSizeNames)('at %s: a username typed on the keyboard goes on, and the code on the digit pad', async (size) => {
    const { page } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    await freshStart(preview);
    await openJourney(page, 'reset');
    // Focus is on the step's heading: no keyboard yet.
    await expect.poll(() => keyboard(page).isHidden()).toBe(true);

    const username = page.locator('#username');
    await username.click();
    await keyboard(page).waitFor();
    expect(await keyboard(page).getAttribute('data-keyboard')).toBe('text');
    await expectFieldAboveKeyboard(page, username, size);
    const smallest = await smallestKey(page);
    expect(smallest.width).toBeGreaterThanOrEqual(60);
    expect(smallest.height).toBeGreaterThanOrEqual(60);

    const name = resetUsers[size];
    await typeOnKeyboard(page, `${name}x`);
    expect(await fieldState(page, '#username')).toEqual({ value: `${name}x`, focused: true, caret: name.length + 1 });
    await key(page, '{bksp}').click();
    expect(await fieldState(page, '#username')).toEqual({ value: name, focused: true, caret: name.length });
    // Shift gives one capital, then the keys are small letters again.
    await key(page, '{shift}').click();
    expect(await key(page, '{shift}').getAttribute('aria-pressed')).toBe('true');
    await key(page, 'Q').click();
    await key(page, 'q').waitFor();
    expect((await fieldState(page, '#username')).value).toBe(`${name}Q`);
    await key(page, '{bksp}').click();
    expect(await fieldState(page, '#username')).toEqual({ value: name, focused: true, caret: name.length });
    await expectFieldAboveKeyboard(page, username, size);

    // Focus leaving the box puts it away (to the heading, or to nothing on a tap on plain text); a tap on the box brings it back.
    await page.locator('[data-testid="stage-identify"] h1').click();
    await expect.poll(() => keyboard(page).isHidden()).toBe(true);
    await username.click();
    await keyboard(page).waitFor();
    await page.locator('[data-testid="stage-identify"] p.lead').click();
    await expect.poll(() => keyboard(page).isHidden()).toBe(true);
    await username.click();
    await keyboard(page).waitFor();
    expect(await fieldState(page, '#username')).toEqual({ value: name, focused: true, caret: name.length });

    // Done submits the form, as Enter would: React's state had every key, so main gets the name.
    await key(page, '{done}').click();
    await expectStage(page, 'choose_method');
    await expect.poll(() => keyboard(page).isHidden()).toBe(true);

    const code = await emailCode(preview);
    const codeField = page.locator('#code');
    await codeField.click();
    await expect.poll(() => keyboard(page).getAttribute('data-keyboard')).toBe('digits');
    await keyboard(page).waitFor();
    await expectFieldAboveKeyboard(page, codeField, size);
    expect(await keyboard(page).locator('button').count()).toBe(12);
    expect((await smallestKey(page)).height).toBeGreaterThanOrEqual(60);
    expect((await smallestKey(page)).width).toBeGreaterThanOrEqual(60);
    await typeOnKeyboard(page, `${code}9`);
    await key(page, '{bksp}').click();
    expect(await fieldState(page, '#code')).toEqual({ value: code, focused: true, caret: code.length });
    await key(page, '{done}').click();
    await expectStage(page, 'new_password');
    await expect.poll(() => keyboard(page).isHidden()).toBe(true);

    // Both password boxes: Done in the first goes to the empty second one.
    await page.locator('#new-password').click();
    await keyboard(page).waitFor();
    expect(await keyboard(page).getAttribute('data-keyboard')).toBe('text');
    await expectFieldAboveKeyboard(page, page.locator('#new-password'), size);
    await typeOnKeyboard(page, 'zq');
    await key(page, '{space}').click();
    await typeOnKeyboard(page, '7');
    // Nothing echoes the password: no text on the page, and simple-keyboard keeps no copy of it.
    expect(await page.locator('body').innerText()).not.toContain('zq');
    expect(await keptByKeyboard(page)).toEqual(['']);
    await key(page, '{done}').click();
    expect(await fieldState(page, '#confirm-password')).toMatchObject({ value: '', focused: true });
    await expectFieldAboveKeyboard(page, page.locator('#confirm-password'), size);
    expect((await fieldState(page, '#new-password')).value).toBe('zq 7');

    // The session's end takes it away.
    await freshStart(preview);
    await expect.poll(() => keyboard(page).isHidden()).toBe(true);
  });

  it.each(kioskScreenSizeNames)('at %s: a mobile number gets the phone pad, with + and the digits', async (size) => {
    const { page } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    await freshStart(preview);
    const user = registerUsers[size];
    await signInToRegister(page, user, demoPasswordOf(user));
    await page.getByRole('button', { name: 'Add a mobile number' }).click();
    const phone = page.getByLabel('Mobile number');
    await phone.click();
    await expect.poll(() => keyboard(page).getAttribute('data-keyboard')).toBe('phone');
    await keyboard(page).waitFor();
    await expectFieldAboveKeyboard(page, phone, size);
    expect(await keyboard(page).getAttribute('aria-label')).toBe('Digit pad');
    const smallest = await smallestKey(page);
    expect(Math.min(smallest.width, smallest.height)).toBeGreaterThanOrEqual(60);
    await typeOnKeyboard(page, '+447700900111');
    expect(await phone.inputValue()).toBe('+447700900111');
    expect(await phone.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
  });

  it.each(kioskScreenSizeNames)('at %s: axe finds nothing with the keyboard up, in English and in Arabic (keys still left to right)', async (size) => {
    const { page } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    for (const language of ['en', 'ar'] as const) {
      await freshStart(preview);
      await chooseLanguage(page, language);
      await openJourney(page, 'reset');
      await page.locator('#username').click();
      await keyboard(page).waitFor();
      expect(await accessibilityFindings(page)).toEqual([]);

      const t = createTranslator(language).t;
      expect(await keyboard(page).getAttribute('aria-label')).toBe(t('common.keyboard.name'));
      expect((await key(page, '{bksp}').innerText()).trim()).toBe(t('common.keyboard.delete'));
      expect((await key(page, '{done}').innerText()).trim()).toBe(t('common.keyboard.done'));
      expect(await keyboard(page).getAttribute('dir')).toBe('ltr');
      expect((await boxOf(key(page, 'q'))).x).toBeLessThan((await boxOf(key(page, 'w'))).x);
    }
  });

  // Last in this file: the marked pseudo-language stays on for the page from here on.
  it.each(kioskScreenSizeNames)('at %s: the keyboard shows only catalogue words (letters and digits aside)', async (size) => {
    const { page } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    await markCatalogueWords(page);
    await freshStart(preview);
    await openJourney(page, 'reset');
    await page.locator('#username').click();
    await keyboard(page).waitFor();
    expect(await key(page, '{space}').innerText()).toMatch(/^⟦.+⟧$/);
    expect(await unmarkedTexts(page)).toEqual([]);

    await page.locator('#username').fill('amira.khan');
    await key(page, '{done}').click();
    await expectStage(page, 'choose_method');
    await emailCode(preview);
    await page.locator('#code').click();
    await expect.poll(() => keyboard(page).getAttribute('data-keyboard')).toBe('digits');
    expect(await keyboard(page).getAttribute('aria-label')).toMatch(/^⟦.+⟧$/);
    expect(await unmarkedTexts(page)).toEqual([]);
  });
});

describe('the on-screen keyboard is off by default', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview();
  });
  afterAll(async () => {
    await preview?.close();
  });

  it.each(kioskScreenSizeNames)('at %s: focusing the username box shows no keyboard', async (size) => {
    const { page } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    await freshStart(preview);
    await openJourney(page, 'reset');
    await page.locator('#username').click();
    expect(await fieldState(page, '#username')).toMatchObject({ focused: true });
    expect(await keyboard(page).count()).toBe(0);
    expect(await page.locator('.simple-keyboard, .hg-theme-default').count()).toBe(0);
  });
});
