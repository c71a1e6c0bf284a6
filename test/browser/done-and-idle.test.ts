import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import {
  backToStart,
  chooseJourney,
  enterUsername,
  expectStage,
  mainStage,
  proveByEmail,
  stageContainer,
  startBrowserPreview,
  startScreen,
  typeNewPassword,
  withKiosk,
} from '../support/browser-preview.js';
import { kioskScreenSizeNames, kioskScreenSizes, type KioskScreenSize } from '../support/screen-sizes.js';
import { markCatalogueWords, unmarkedTexts } from '../support/unmarked-text.js';

/**
 * Issue 12, items 7 and 9: Done says "Finish", gives more time on a touch, and ends with the service
 * page's safety advice; a screen the kiosk cleared by itself says so on the start screen, and one the
 * person ended does not. Time moves in the page only (page.clock), as in walk-away-wipe.test.ts.
 */

const doneReturnSeconds = 30;
/** From renderer/src/wipe-notice.ts: how long the start screen keeps the note. */
const wipeNoticeSeconds = 20;
const clearedNote = 'The screen was cleared for your privacy.';
/** Two new passwords per size: each would be refused the second time as used before. */
const newPasswords: Record<KioskScreenSize, [string, string]> = {
  portrait: ['Qm4Tz8Wb2Rk6Nc', 'Jx5Vd9Hp3Lf7Gs'],
  landscape: ['Zc7Nw3Ks9Bt5Pm', 'Fr2Yq6Mg8Dv4Hx'],
  small: ['Tb9Lx5Rc3Wn7Kq', 'Hs6Pz2Vj8Gm4Ct'],
};

function doneScreen(page: Page) {
  return stageContainer(page, 'done');
}

async function countdownSeconds(page: Page): Promise<number> {
  return Number(await doneScreen(page).locator('.countdown-seconds').innerText());
}

/** The start screen's status region, where the note appears (empty otherwise). */
function wipeNotice(page: Page) {
  return page.getByTestId('wipe-notice');
}

async function resetToDone(preview: Preview, password: string): Promise<void> {
  await proveByEmail(preview, 'amira.khan');
  await typeNewPassword(preview.page, password);
  await preview.page.getByRole('button', { name: 'Change password' }).click();
  await expectStage(preview.page, 'done');
}

describe('Done gives more time on a touch, and the start screen says when it was cleared for privacy', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: withKiosk({ doneReturnSeconds }) });
    await preview.page.clock.install();
    await preview.page.goto(preview.url);
    await startScreen(preview.page).waitFor();
  });
  afterAll(async () => {
    await preview?.close();
  });

  it.each(kioskScreenSizeNames)('at the %s size', { timeout: 240_000 }, async (size: KioskScreenSize) => {
    const { page, kiosk } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    await backToStart(preview);
    expect(await wipeNotice(page).innerText()).toBe('');

    // Done: "Finish", not "Start over"; the safety advice; the line that says a touch gives more time.
    await resetToDone(preview, newPasswords[size][0]);
    const done = doneScreen(page);
    expect(await done.getByRole('button', { name: 'Finish' }).isVisible()).toBe(true);
    expect(await done.getByRole('button', { name: 'Start over' }).count()).toBe(0);
    expect(await done.getByText('Need more time? Please touch the screen.').isVisible()).toBe(true);
    const advice = done.getByRole('region', { name: 'Keep your password safe' });
    expect((await advice.getByRole('listitem').allInnerTexts()).map((line) => line.trim())).toEqual([
      'Your password is private. Keep it to yourself.',
      'Do not write your password down.',
      'Never answer an email that asks for your password.',
    ]);

    // A touch anywhere on the screen gives the full time again; the counting goes on from there.
    await page.clock.runFor(20_000);
    await expect.poll(() => countdownSeconds(page)).toBeLessThanOrEqual(10);
    await done.getByRole('heading', { level: 1 }).click();
    // The installed clock still moves in real time, so on a busy machine a few more seconds may have gone.
    await expect.poll(() => countdownSeconds(page)).toBeGreaterThanOrEqual(doneReturnSeconds - 5);
    await page.clock.runFor(20_000);
    expect(await mainStage(preview)).toBe('done');
    expect(await done.isVisible()).toBe(true);
    await page.keyboard.press('Shift');
    await expect.poll(() => countdownSeconds(page)).toBeGreaterThanOrEqual(doneReturnSeconds - 5);

    // "Finish" ends the session as before, and the start screen has nothing to explain.
    await done.getByRole('button', { name: 'Finish' }).click();
    await startScreen(page).waitFor();
    await expect.poll(() => mainStage(preview)).toBe('identify');
    expect(await wipeNotice(page).innerText()).toBe('');

    // Left on Done: the screen clears itself, and the start screen says why.
    await resetToDone(preview, newPasswords[size][1]);
    await page.clock.runFor((doneReturnSeconds + 1) * 1000);
    await startScreen(page).waitFor();
    await expect.poll(() => wipeNotice(page).innerText()).toBe(clearedNote);
    expect(await page.getByRole('status').filter({ hasText: clearedNote }).count()).toBe(1);
    await expect.poll(() => mainStage(preview)).toBe('identify');
    // ...for a while only.
    await page.clock.runFor((wipeNoticeSeconds + 1) * 1000);
    await expect.poll(() => wipeNotice(page).innerText()).toBe('');

    // Left in the middle of a journey: the idle wipe, the same note, gone once the next person starts.
    const idleMs = kiosk.config.kiosk.idleSeconds * 1000;
    await enterUsername(page, 'amira.khan');
    const warning = page.getByRole('dialog', { name: 'Are you still there?' });
    await page.clock.runFor(idleMs - 19_000);
    await warning.waitFor();
    await page.clock.runFor(20_000);
    await startScreen(page).waitFor();
    await expect.poll(() => wipeNotice(page).innerText()).toBe(clearedNote);
    await expect.poll(() => mainStage(preview)).toBe('identify');
    await chooseJourney(page, 'reset');
    await page.getByRole('button', { name: 'Back to the choices' }).click();
    await startScreen(page).waitFor();
    expect(await wipeNotice(page).innerText()).toBe('');

    // "Start over" mid-journey is the person's own choice: no note.
    await enterUsername(page, 'amira.khan');
    await page.getByRole('button', { name: 'Start over' }).click();
    await startScreen(page).waitFor();
    expect(await wipeNotice(page).innerText()).toBe('');
  });

  // Last: from here on the page shows every catalogue word in ⟦ ⟧.
  it.each(kioskScreenSizeNames)('the note is catalogue words only, at the %s size', { timeout: 120_000 }, async (size: KioskScreenSize) => {
    const { page, kiosk } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    await markCatalogueWords(page);
    await backToStart(preview);
    await page.locator('[data-testid="stage-identify"][data-screen="menu"]').waitFor();
    await page.locator('button[data-journey="reset"]').click();
    await page.locator('#username').fill('amira.khan');
    await page.clock.runFor(kiosk.config.kiosk.idleSeconds * 1000 + 1_000);
    await page.locator('[data-testid="stage-identify"][data-screen="menu"]').waitFor();
    await expect.poll(() => wipeNotice(page).innerText()).toMatch(/^⟦.+⟧$/);
    expect(await unmarkedTexts(page)).toEqual([]);
  });
});
