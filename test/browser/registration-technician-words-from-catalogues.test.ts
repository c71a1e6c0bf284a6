import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoTechnician } from '../../electron/core/demo/demo-technician.js';
import type { Preview } from '../../tools/preview/host.js';
import { demoPasswordOf } from '../support/browser-directory.js';
import { backToStart, demoMessageCount, expectStage, readCodeFromDemoInbox, stageContainer, startBrowserPreview } from '../support/browser-preview.js';
import { methodsList } from '../support/browser-registration.js';
import { freshDemoTechnicianCode, recordIdCheck, technicianConsole, technicianSignInScreen } from '../support/browser-technician.js';
import { markCatalogueWords, unmarkedTexts } from '../support/unmarked-text.js';

/**
 * "No visible string that is not from a catalogue", for the registration screens and technician mode:
 * the page runs in the marked pseudo-language (every catalogue message wrapped in ⟦ ⟧) and each
 * screen, errors included, is walked for text and read-out attributes outside the marks. Labels are
 * found by their English words as substrings (the marks surround them) or by id where a label is
 * matched exactly elsewhere.
 */

const menu = '[data-testid="stage-identify"][data-screen="menu"]';

describe('every word of the registration screens and the technician console comes from a catalogue', () => {
  let preview: Preview;
  const checked: string[] = [];

  /** Nothing unmarked on the screen as shown, and its heading really is a marked message. */
  async function allMarked(page: Page, screen: string, heading: string): Promise<void> {
    expect(await page.getByRole('heading', { name: heading }).first().innerText(), screen).toMatch(/^⟦.+⟧$/s);
    expect({ screen, unmarked: await unmarkedTexts(page) }).toEqual({ screen, unmarked: [] });
    checked.push(screen);
  }

  beforeAll(async () => {
    preview = await startBrowserPreview();
    await markCatalogueWords(preview.page);
    await preview.page.goto(preview.url);
    await preview.page.locator(menu).waitFor();
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('on every registration screen: the list, the add forms with their errors, the code, the review, the app setup', { timeout: 120_000 }, async () => {
    const { page, kiosk } = preview;
    const username = 'grace.nowak';
    await page.locator('button[data-journey="register"]').click();
    await page.locator('#username').fill(username);
    await page.locator('#current-password').fill(demoPasswordOf(username));
    await page.locator('[data-testid="stage-identify"][data-screen="register"] button[type="submit"]').click();
    await expectStage(page, 'methods');
    // The check itself sees a word that is not from a catalogue, in text and in a read-out attribute.
    await page.evaluate(() => {
      const { document } = globalThis as unknown as { document: { querySelector(s: string): { insertAdjacentHTML(where: string, html: string): void } } };
      document.querySelector('[data-testid="stage-methods"]').insertAdjacentHTML('beforeend', '<p id="planted">Hard-coded</p><button id="planted-2" aria-label="Close"></button>');
    });
    expect(await unmarkedTexts(page)).toEqual(['[stage-methods] p: "Hard-coded"', '[stage-methods] button[aria-label]: "Close"']);
    await page.evaluate(() => {
      const { document } = globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ remove(): void }> } };
      for (const planted of document.querySelectorAll('#planted, #planted-2')) planted.remove();
    });
    await allMarked(page, 'methods, none yet', 'Your password reset and sign-in methods');

    await page.getByRole('button', { name: 'Add a personal email address' }).click();
    await page.locator('[data-screen="add-email"]').waitFor();
    await page.getByRole('button', { name: 'Send a code' }).click();
    await expect.poll(() => page.locator('#email-error').innerText()).toContain('both boxes');
    await allMarked(page, 'add email, both boxes empty', 'Add a personal email address');

    const address = 'grace.nowak@homemail.example';
    await page.locator('#new-email').fill(address);
    await page.locator('#new-email-again').fill(address);
    const before = await demoMessageCount(page);
    await page.getByRole('button', { name: 'Send a code' }).click();
    await expectStage(page, 'method_code');
    const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
    await allMarked(page, 'method code', 'Type the code we sent');

    await stageContainer(page, 'method_code').locator('#code').fill(code);
    await stageContainer(page, 'method_code').locator('button[type="submit"]').click();
    await expectStage(page, 'method_review');
    await allMarked(page, 'review', 'Check and confirm');

    await page.getByRole('button', { name: 'Confirm' }).click();
    await methodsList(page).getByTestId('method-saved').waitFor();
    // Change and Remove carry which method in their aria-label: a marked message too.
    expect(await methodsList(page).getByRole('button', { name: 'Remove personal email address' }).getAttribute('aria-label')).toMatch(/^⟦Remove /);
    await allMarked(page, 'methods, one saved, with change and remove', 'Your password reset and sign-in methods');

    await page.getByRole('button', { name: 'Add a mobile number' }).click();
    await page.locator('[data-screen="add-phone"]').waitFor();
    await page.getByRole('button', { name: 'Send a code' }).click();
    await expect.poll(() => page.locator('#phone-error').innerText()).toContain('mobile number');
    await allMarked(page, 'add phone, empty', 'Add a mobile number');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await methodsList(page).waitFor();

    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    await expectStage(page, 'app_setup');
    await allMarked(page, 'app setup', 'Set up your authenticator app');
    await stageContainer(page, 'app_setup').getByRole('button', { name: 'Cancel' }).click();
    await methodsList(page).waitFor();

    await page.getByRole('button', { name: 'Finish' }).click();
    await page.locator(menu).waitFor();
  });

  it('in technician mode: sign-in, console, look-up, ticket and person cards, ID check, case actions, assisted step', { timeout: 180_000 }, async () => {
    const { page } = preview;
    await backToStart(preview);
    // A ticket from a failed attempt, so the console has one to show (the menu's own words are marked,
    // so its buttons are found by their journey rather than by the start of their names).
    await page.locator('button[data-journey="reset"]').click();
    await page.locator('#username').fill('chloe.martin');
    await page.locator('[data-testid="stage-identify"][data-screen="reset"] button[type="submit"]').click();
    await expectStage(page, 'choose_method');
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await expectStage(page, 'code_sent');
    await page.getByRole('button', { name: 'Get a help ticket' }).click();
    await expectStage(page, 'ticket');
    const ticket = (await stageContainer(page, 'ticket').getByTestId('ticket-code').innerText()).replace(/[⟦⟧]/g, '').trim();

    await page.getByRole('button', { name: 'Staff sign-in' }).click();
    await technicianSignInScreen(page).waitFor();
    await page.getByRole('button', { name: 'Sign in', exact: false }).first().click();
    await expect.poll(() => page.locator('#technician-sign-in-error').innerText()).toContain('6-digit app code');
    await allMarked(page, 'technician sign-in, nothing typed', 'Technician sign-in');

    await page.locator('#technician-username').fill(demoTechnician.username);
    await page.locator('#technician-password').fill(demoTechnician.password);
    await page.locator('#technician-code').fill(await freshDemoTechnicianCode());
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await technicianConsole(page).waitFor();
    await allMarked(page, 'console', 'Technician mode');

    await page.getByRole('button', { name: 'Quit kiosk' }).click();
    await allMarked(page, 'console, quit asked', 'Technician mode');
    await page.getByRole('button', { name: 'Keep it running' }).click();

    await page.locator('.lookup-form').first().locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#lookup-error').innerText()).toContain('Type a username');
    await allMarked(page, 'look-up, nothing typed', 'Look someone up');

    await page.locator('#lookup-ticket').fill(ticket);
    await page.getByRole('button', { name: 'Look up ticket' }).click();
    await page.getByTestId('technician-ticket').waitFor();
    await page.locator('[data-testid="technician-person"][data-username="chloe.martin"]').waitFor();
    expect(await page.getByTestId('ticket-events').locator('li').count()).toBeGreaterThan(0);
    await allMarked(page, 'ticket card, person card, ID check, actions', 'Identity check');

    await page.getByRole('button', { name: 'Record the ID check' }).click();
    await expect.poll(() => page.locator('#id-check-error').innerText()).toContain('Choose the document');
    await allMarked(page, 'ID check, no document chosen', 'Identity check');
    await recordIdCheck(page);
    await allMarked(page, 'ID check recorded, actions offered', 'Actions');

    // Someone with methods, blocks and a last password change, for the person card's other lines.
    await page.locator('#lookup-username').fill('dev.patel');
    await page.locator('.lookup-form').first().locator('button[type="submit"]').click();
    await page.locator('[data-testid="technician-person"][data-username="dev.patel"]').waitFor();
    await allMarked(page, 'person card with methods', 'Actions');

    await recordIdCheck(page);
    await page.locator('button[data-action="reset"]').click();
    await page.getByTestId('technician-area').waitFor();
    await expectStage(page, 'new_password');
    await allMarked(page, 'assisted reset, technician area', 'Choose a new password');
    await page.getByRole('button', { name: 'End this step' }).click();
    await technicianConsole(page).waitFor();
    await expect.poll(() => page.getByTestId('technician-last-action').innerText()).toContain('Assisted reset');
    await allMarked(page, 'console after an assisted step, last action', 'Technician mode');

    await page.getByRole('button', { name: 'Close this case' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await technicianConsole(page).waitFor({ state: 'detached' });
  });

  it('walked every screen it meant to', () => {
    expect(checked).toEqual([
      'methods, none yet',
      'add email, both boxes empty',
      'method code',
      'review',
      'methods, one saved, with change and remove',
      'add phone, empty',
      'app setup',
      'technician sign-in, nothing typed',
      'console',
      'console, quit asked',
      'look-up, nothing typed',
      'ticket card, person card, ID check, actions',
      'ID check, no document chosen',
      'ID check recorded, actions offered',
      'person card with methods',
      'assisted reset, technician area',
      'console after an assisted step, last action',
    ]);
  });
});
