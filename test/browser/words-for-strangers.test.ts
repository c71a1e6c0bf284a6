import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Purpose } from '../../shared/flow/stages.js';
import type { Language } from '../../shared/i18n/languages.js';
import { createTranslator } from '../../shared/i18n/translator.js';
import type { Preview } from '../../tools/preview/host.js';
import { journeyTitleIds } from '../../renderer/src/messages.js';
import { alertWords, atMenu, chooseLanguage, openJourney, submitForm } from '../support/browser-any-language.js';
import { accessibilityFindings } from '../support/browser-axe.js';
import { demoPasswordOf } from '../support/browser-directory.js';
import { backToStart, demoMessageCount, expectStage, mainStage, startBrowserPreview } from '../support/browser-preview.js';
import { kioskScreenSizeNames, kioskScreenSizes, type KioskScreenSize } from '../support/screen-sizes.js';

/**
 * Issue 12, items 3, 5 and 9, at every kiosk screen size and in English and Arabic: the username
 * hint and the "@" refusal, which inbox to look in, the password checklist that judges nothing before
 * it knows, and each journey's "How this works". axe-core finds no violation on any of them.
 */
const words: Record<'en' | 'ar', ReturnType<typeof createTranslator>> = { en: createTranslator('en'), ar: createTranslator('ar') };
const languages = ['en', 'ar'] as const;
const organisation = 'Northfield University';
const journeys: Purpose[] = ['reset', 'unlock', 'change', 'register'];

async function noViolations(page: Page, screen: string): Promise<void> {
  expect(await accessibilityFindings(page), screen).toEqual([]);
}

async function focusedId(page: Page): Promise<string | null> {
  return page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ?? null);
}

/** Back to a fresh start in this size, and in the language asked for. */
async function freshStart(preview: Preview, size: KioskScreenSize, language: Language): Promise<void> {
  await preview.page.setViewportSize(kioskScreenSizes[size]);
  await backToStart(preview);
  if (language !== 'en') await chooseLanguage(preview.page, language);
  await atMenu(preview.page);
}

/** "Change your password" up to the new-password screen, by ids (works in any language). */
async function signInForChange(page: Page, username: string): Promise<void> {
  await openJourney(page, 'change');
  await page.locator('#username').fill(username);
  await page.locator('#current-password').fill(demoPasswordOf(username));
  await submitForm(page);
  await expectStage(page, 'new_password');
}

const checklist = (page: Page) => page.getByTestId('password-checklist');
const lines = (page: Page, state?: 'met' | 'unmet' | 'pending') => checklist(page).locator(state === undefined ? 'li' : `li[data-state="${state}"]`);

describe('words for strangers: username, inbox, checklist and "How this works"', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview();
  });
  afterAll(async () => {
    await preview?.close();
  });
  beforeEach(async () => {
    await backToStart(preview);
  });

  describe.each(kioskScreenSizeNames)('at %s size', (size) => {
    it.each(languages)('the username box says what a username looks like, and refuses an email address before anything is sent (%s)', async (language) => {
      const { page } = preview;
      const { t } = words[language];
      await freshStart(preview, size, language);
      const messagesBefore = await demoMessageCount(page);

      for (const purpose of ['reset', 'change'] as const) {
        await openJourney(page, purpose);
        const hint = page.getByTestId('username-hint');
        expect(await hint.innerText()).toBe(t('walkUp.username.hint', { organisation, example: 'sam.taylor' }));
        expect(await page.locator('#username').getAttribute('aria-describedby')).toContain('username-hint');

        await page.locator('#username').fill(' amira.khan@northfield.example ');
        if (purpose === 'change') await page.locator('#current-password').fill(demoPasswordOf('amira.khan'));
        await submitForm(page);
        await expect.poll(() => alertWords(page)).toBe(t('walkUp.username.looksLikeEmail'));
        expect(await page.locator('#username').getAttribute('aria-invalid')).toBe('true');
        // Still the journey's first screen, and main was told nothing: its stage is the start.
        expect(await page.locator(`[data-testid="stage-identify"][data-screen="${purpose}"]`).count()).toBe(1);
        expect(await mainStage(preview)).toBe('identify');
        await noViolations(page, `${purpose} username refused (${language}, ${size})`);

        // Typing again clears the refusal.
        await page.locator('#username').fill('amira.khan');
        expect(await alertWords(page)).toBe('');
        expect(await page.locator('#username').getAttribute('aria-invalid')).toBe('false');
        await page.locator('[data-testid="stage-identify"] button.start-over').click();
        await atMenu(page);
      }
      expect(await demoMessageCount(page)).toBe(messagesBefore);
    });

    it.each(languages)('the code screen says which inbox to look in, and where a text arrives (%s)', async (language) => {
      const { page } = preview;
      const { t } = words[language];
      for (const method of ['email', 'sms'] as const) {
        await freshStart(preview, size, language);
        await openJourney(page, 'reset');
        // A name nobody has: the same screens as everyone, and nothing is sent (no throttle is used up).
        await page.locator('#username').fill(`nobody.${size}.${language}.${method}`);
        await submitForm(page);
        await expectStage(page, 'choose_method');
        await page.locator(`button[data-method="${method}"]`).click();
        await expectStage(page, 'code_sent');
        const where = await page.getByTestId('where-to-look').locator('li').allInnerTexts();
        expect(where).toEqual(
          method === 'email'
            ? [t('walkUp.code.email.whereToLook', { organisation }), t('walkUp.code.email.checkSpam')]
            : [t('walkUp.code.sms.whereToLook'), t('walkUp.code.sms.wait')],
        );
        await noViolations(page, `code sent by ${method} (${language}, ${size})`);
      }
      if (language === 'en') {
        expect(words.en.t('walkUp.code.email.whereToLook', { organisation })).toBe('Look in your personal email, not your Northfield University email.');
        expect(words.en.t('walkUp.code.email.checkSpam')).toBe('If it is not there, check your spam or junk folder.');
      }
    });

    it.each(languages)('the checklist lists every rule as not checked yet, adds the match line, and announces one summary (%s)', async (language) => {
      const { page } = preview;
      const { t } = words[language];
      await freshStart(preview, size, language);
      await signInForChange(page, 'amira.khan');

      // Every rule from the start, none judged: no tick, no cross, and the state in words.
      const total = await lines(page).count();
      expect(total).toBeGreaterThanOrEqual(10);
      expect(await lines(page, 'pending').count()).toBe(total);
      expect(await checklist(page).locator('.rule-met, .rule-unmet').count()).toBe(0);
      for (const text of await lines(page).allInnerTexts()) expect(text.startsWith(t('walkUp.checklist.notChecked'))).toBe(true);
      expect(await checklist(page).locator('li[data-rule="match"]').innerText()).toContain(t('walkUp.checklist.match.requirement'));
      for (const rule of ['banned_term', 'breached', 'reused', 'contains_name']) expect(await checklist(page).locator(`li[data-rule="${rule}"]`).count(), rule).toBe(1);

      // The list is not a live region; one polite, atomic summary is, and it is empty before typing.
      const live = checklist(page).locator('[aria-live]');
      expect(await live.count()).toBe(1);
      expect(await live.getAttribute('aria-live')).toBe('polite');
      expect(await live.getAttribute('aria-atomic')).toBe('true');
      expect(await live.getAttribute('data-testid')).toBe('checklist-summary');
      expect(await checklist(page).locator('ul').getAttribute('aria-live')).toBeNull();
      expect(await page.locator('[data-testid="stage-new_password"] ul [aria-live], [data-testid="stage-new_password"] ul[aria-live]').count()).toBe(0);
      expect(await live.innerText()).toBe('');
      await noViolations(page, `checklist before typing (${language}, ${size})`);

      // Partly typed: the rules this screen judges are judged; the summary counts them, once typing pauses.
      await page.locator('#new-password').fill('abc');
      await expect.poll(() => checklist(page).locator('li[data-rule="too_short"]').getAttribute('data-state')).toBe('unmet');
      expect(await checklist(page).locator('li[data-rule="needs_lower"]').getAttribute('data-state')).toBe('met');
      expect(await checklist(page).locator('li[data-rule="match"]').getAttribute('data-state')).toBe('pending');
      expect(await checklist(page).locator('li[data-rule="reused"]').getAttribute('data-state')).toBe('pending');
      // Main's verdict arrives for the text in the box: the guessability and leaked-list lines are judged.
      await expect.poll(() => checklist(page).locator('li[data-rule="breached"]').getAttribute('data-state')).not.toBe('pending');
      await expect.poll(() => checklist(page).locator('li[data-rule="banned_term"]').getAttribute('data-state')).not.toBe('pending');
      const met = await lines(page, 'met').count();
      await expect.poll(() => live.innerText(), { timeout: 10_000 }).toBe(t('walkUp.checklist.summary.count', { met, total }));
      await noViolations(page, `checklist partly met (${language}, ${size})`);

      // Boxes that differ, then a good password twice: all met but reuse, judged when the password is sent.
      await page.locator('#confirm-password').fill('abd');
      expect(await checklist(page).locator('li[data-rule="match"]').getAttribute('data-state')).toBe('unmet');
      await page.locator('#new-password').fill('Zr4Kx8Nv2Bq6Hm');
      await page.locator('#confirm-password').fill('Zr4Kx8Nv2Bq6Hm');
      await expect.poll(() => lines(page, 'met').count()).toBe(total - 1);
      expect(await lines(page, 'unmet').count()).toBe(0);
      expect(await checklist(page).locator('li[data-rule="reused"] .rule-note').innerText()).toBe(t('walkUp.checklist.whenSubmitted', { button: t('walkUp.newPassword.submit') }));
      await expect.poll(() => live.innerText(), { timeout: 10_000 }).toBe(t('walkUp.checklist.summary.allSoFar', { button: t('walkUp.newPassword.submit') }));

      // The password in use now, sent: main's refusal names reuse, and the checklist shows that verdict.
      await page.locator('#new-password').fill(demoPasswordOf('amira.khan'));
      await page.locator('#confirm-password').fill(demoPasswordOf('amira.khan'));
      await submitForm(page);
      await expect.poll(() => checklist(page).locator('li[data-rule="reused"]').getAttribute('data-state'), { timeout: 10_000 }).toBe('unmet');
      expect(await mainStage(preview)).toBe('new_password');
      await noViolations(page, `checklist after a refusal (${language}, ${size})`);
    });

    it.each(languages)('each journey has a "How this works" view with its steps, Back and Start (%s)', async (language) => {
      const { page } = preview;
      const { t } = words[language];
      await freshStart(preview, size, language);
      for (const purpose of journeys) {
        const link = page.locator(`button[data-help="${purpose}"]`);
        expect(await link.innerText()).toBe(t('help.link'));
        expect(await link.getAttribute('aria-label')).toBe(t('help.link.name', { journey: t(journeyTitleIds[purpose]) }));
        expect((await link.boundingBox())?.height).toBeGreaterThanOrEqual(60);
        await link.click();

        const view = page.locator(`[data-testid="stage-identify"][data-screen="help"][data-journey="${purpose}"]`);
        await view.waitFor();
        expect(await view.locator('h1').innerText()).toBe(t('help.heading', { journey: t(journeyTitleIds[purpose]) }));
        await expect.poll(() => focusedId(page)).toBe('stage-heading');
        const steps = view.locator('ol.how-steps > li');
        const count = await steps.count();
        expect(count).toBeGreaterThanOrEqual(3);
        expect(count).toBeLessThanOrEqual(4);
        expect(await view.locator('ol.how-steps > li svg.how-icon').count()).toBe(count);
        expect(await view.locator('video').count()).toBe(0);
        // Read-only help: main was told nothing.
        expect(await mainStage(preview)).toBe('identify');

        // Its actions sit in the action bar, with no "Start over": Start first, then Back.
        const bar = view.getByTestId('action-bar');
        expect(await bar.locator('button').allInnerTexts()).toEqual([t('help.start'), t('help.back')]);
        expect(await bar.locator('button.start-over').count()).toBe(0);
        for (const box of await Promise.all((await bar.locator('button').all()).map((button) => button.boundingBox()))) {
          expect(box?.height).toBeGreaterThanOrEqual(60);
        }
        await noViolations(page, `how this works: ${purpose} (${language}, ${size})`);

        await bar.locator('button[data-action="back"]').click();
        await atMenu(page);
        await link.click();
        await view.waitFor();
        await bar.locator('button[data-action="start"]').click();
        await page.locator(`[data-testid="stage-identify"][data-screen="${purpose}"]`).waitFor();
        expect(await mainStage(preview)).toBe('identify');
        await page.locator('[data-testid="stage-identify"] button.start-over').click();
        await atMenu(page);
      }
      if (language === 'ar') expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    });
  });
});
