import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import { demoPasswordOf } from '../support/browser-directory.js';
import { alertWords, atMenu, emailCode, openJourney, pressStartOver, submitForm, typeCode, typeNewPasswords, typeUsername } from '../support/browser-any-language.js';
import { typeWrongCodesUntilBlocked } from '../support/browser-blocked.js';
import { expectStage, startBrowserPreview, withKiosk, wrongCodeFor } from '../support/browser-preview.js';
import { markCatalogueWords, unmarkedTexts } from '../support/unmarked-text.js';

/**
 * Every word of the walk-up screens comes from a catalogue: in the marked pseudo-language each
 * catalogue message is shown in ⟦ ⟧, and the walk fails on any text (or aria-label, placeholder,
 * title, alt) outside the marks, naming where it is. Only config text and bare values are exempt.
 */
describe('the walk-up screens show only catalogue words', () => {
  let preview: Preview;

  beforeAll(async () => {
    // A long done countdown: the done screen stays while it is checked.
    preview = await startBrowserPreview({ adjustConfig: withKiosk({ doneReturnSeconds: 60 }) });
    await markCatalogueWords(preview.page);
    // The page's own clock, so the idle wipe at the end comes without waiting for it.
    await preview.page.clock.install();
    await preview.page.goto(preview.url);
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('from the start screen and each journey\'s "How this works" through a reset, a help ticket, the blocked screen (reset and registration), the change-password sign-in and the privacy note after an idle wipe', async () => {
    const { page } = preview;
    const found: Record<string, string[]> = {};
    const check = async (screen: string) => {
      found[screen] = await unmarkedTexts(page);
    };

    await atMenu(page);
    // The mode is on: the heading itself is marked.
    expect(await page.locator('h1').innerText()).toMatch(/^⟦.+⟧$/);
    await check('start');

    for (const purpose of ['reset', 'unlock', 'change', 'register'] as const) {
      await page.locator(`button[data-help="${purpose}"]`).click();
      await page.locator(`[data-screen="help"][data-journey="${purpose}"]`).waitFor();
      await check(`how this works: ${purpose}`);
      await page.locator('[data-screen="help"] button[data-action="back"]').click();
      await atMenu(page);
    }

    await openJourney(page, 'reset');
    await check('username');
    await submitForm(page);
    await expect.poll(() => alertWords(page)).not.toBe('');
    await check('username missing');
    await page.locator('#username').fill('amira.khan@northfield.example');
    await submitForm(page);
    await expect.poll(() => alertWords(page)).not.toBe('');
    await check('username looks like an email address');

    await typeUsername(page, 'amira.khan');
    await check('method chooser');

    const code = await emailCode(preview);
    await check('code sent');
    await typeCode(page, wrongCodeFor(code));
    await expect.poll(() => alertWords(page)).not.toBe('');
    await check('wrong code');

    await typeCode(page, code);
    await expectStage(page, 'new_password');
    await check('new password, checklist not checked yet');
    await typeNewPasswords(page, 'short1A');
    // The one spoken summary, once typing pauses: marked like every other word.
    await expect.poll(() => page.getByTestId('checklist-summary').innerText(), { timeout: 10_000 }).not.toBe('');
    await check('new password with checklist');
    await submitForm(page);
    await page.locator('#password-error .problems li').first().waitFor();
    await check('password refused');

    await typeNewPasswords(page, 'Zr4Kx8Nv2Bq6Hm');
    await submitForm(page);
    await expectStage(page, 'done');
    await check('done');
    await pressStartOver(page);
    await atMenu(page);
    await check('start again after start over');

    await openJourney(page, 'reset');
    await typeUsername(page, 'nobody.here');
    await page.locator('button[data-method="email"]').click();
    await expectStage(page, 'code_sent');
    await page.locator('[data-testid="help-ticket-offer"] button').click();
    await expectStage(page, 'ticket');
    await check('help ticket');
    await page.locator('[data-testid="stage-ticket"] button.button-primary').click();
    await atMenu(page);

    await openJourney(page, 'reset');
    await typeUsername(page, 'blocked.here');
    await page.locator('button[data-method="email"]').click();
    await expectStage(page, 'code_sent');
    await typeWrongCodesUntilBlocked(page, { codeLength: preview.kiosk.config.codes.length, limit: preview.kiosk.config.throttle.failedProofs.limit });
    await check('blocked');
    await page.locator('[data-testid="blocked-finish"]').click();
    await atMenu(page);

    // Registration's end state after too many wrong codes for a new address (signed in: its own words).
    await openJourney(page, 'register');
    await page.locator('#username').fill('grace.nowak');
    await page.locator('#current-password').fill(demoPasswordOf('grace.nowak'));
    await submitForm(page);
    await expectStage(page, 'methods');
    await page.locator('[data-testid="stage-methods"] section[data-kind="email"] > button').click();
    await page.locator('#new-email').fill('grace@personal.example');
    await page.locator('#new-email-again').fill('grace@personal.example');
    await submitForm(page);
    await expectStage(page, 'method_code');
    await typeWrongCodesUntilBlocked(page, { codeLength: preview.kiosk.config.codes.length, limit: preview.kiosk.config.throttle.failedProofs.limit });
    await check('registration blocked');
    await page.locator('[data-testid="blocked-finish"]').click();
    await atMenu(page);

    await openJourney(page, 'change');
    await check('change-password sign-in');
    await page.locator('#username').fill('amira.khan');
    await page.locator('#current-password').fill(`${demoPasswordOf('amira.khan')}-wrong`);
    await submitForm(page);
    await expect.poll(() => alertWords(page)).not.toBe('');
    await check('change-password sign-in refused');

    // Left there: the idle wipe, and the start screen's "cleared for your privacy" note.
    await page.clock.runFor(preview.kiosk.config.kiosk.idleSeconds * 1000 + 1_000);
    await atMenu(page);
    await expect.poll(() => page.getByTestId('wipe-notice').innerText()).not.toBe('');
    await check('start after an idle wipe, with the privacy note');

    const unmarked = Object.fromEntries(Object.entries(found).filter(([, texts]) => texts.length > 0));
    expect(unmarked).toEqual({});
    expect(Object.keys(found)).toHaveLength(22);
  });
});
