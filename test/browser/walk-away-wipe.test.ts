import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import {
  askForEmailCode,
  chooseJourney,
  codeField,
  currentPasswordField,
  enterUsername,
  mainStage,
  startBrowserPreview,
  startScreen,
} from '../support/browser-preview.js';

describe('a person who walks away leaves nothing behind', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview();
    // Fake time in the page only: main's 15-minute session limit is not what this checks.
    await preview.page.clock.install();
    await preview.page.goto(preview.url);
    await startScreen(preview.page).waitFor();
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('warns with a countdown, keeps the session for "I need more time", then wipes it and returns to the start', async () => {
    const { page, kiosk } = preview;
    const idleMs = kiosk.config.kiosk.idleSeconds * 1000;
    await enterUsername(page, 'amira.khan');
    await askForEmailCode(page);
    await codeField(page).fill('12');

    const warning = page.getByRole('dialog', { name: 'Are you still there?' });
    await page.clock.runFor(idleMs - 19_000);
    await warning.waitFor();
    // The installed clock still moves in real time, so on a busy machine a few more seconds may have gone.
    const countdown = /this screen will clear itself in (\d+) seconds/.exec(await warning.innerText());
    expect(Number(countdown?.[1])).toBeGreaterThanOrEqual(10);
    expect(Number(countdown?.[1])).toBeLessThanOrEqual(20);

    await page.getByRole('button', { name: 'I need more time' }).click();
    await warning.waitFor({ state: 'hidden' });
    expect(await codeField(page).inputValue()).toBe('12');
    expect(await mainStage(preview)).toBe('code_sent');

    await page.clock.runFor(idleMs + 1_000);
    await startScreen(page).waitFor();
    // Back at the menu: no journey's screen, and so no box with the old username, is left open.
    expect(await page.getByLabel('Username').count()).toBe(0);
    await expect.poll(() => mainStage(preview)).toBe('identify');
  });

  it('wipes a current password typed on "Change your password" and left there, before main knows anything', async () => {
    const { page, kiosk } = preview;
    const idleMs = kiosk.config.kiosk.idleSeconds * 1000;
    await chooseJourney(page, 'change');
    // Main holds nothing yet: only the page knows of the journey and the password.
    await currentPasswordField(page).fill('Wq3nVb8zHt5kLp');
    expect(await mainStage(preview)).toBe('identify');

    const warning = page.getByRole('dialog', { name: 'Are you still there?' });
    await page.clock.runFor(idleMs - 19_000);
    await warning.waitFor();
    await page.clock.runFor(20_000);
    await startScreen(page).waitFor();
    await warning.waitFor({ state: 'hidden' });

    await chooseJourney(page, 'change');
    expect(await currentPasswordField(page).inputValue()).toBe('');
    expect(await page.getByLabel('Username').inputValue()).toBe('');
  });

  it('returns a "How this works" view left open to the menu, so the next person finds the start', async () => {
    const { page, kiosk } = preview;
    const idleMs = kiosk.config.kiosk.idleSeconds * 1000;
    await page.locator('[data-testid="stage-identify"] button.start-over').click();
    await startScreen(page).waitFor();
    await page.locator('button[data-help="unlock"]').click();
    await page.locator('[data-screen="help"][data-journey="unlock"]').waitFor();

    const warning = page.getByRole('dialog', { name: 'Are you still there?' });
    await page.clock.runFor(idleMs - 19_000);
    await warning.waitFor();
    await page.clock.runFor(20_000);
    await startScreen(page).waitFor();
    expect(await page.locator('[data-screen="help"]').count()).toBe(0);
  });
});
