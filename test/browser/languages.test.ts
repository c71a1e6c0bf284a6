import { saveScreenshot } from '../support/screenshots.js';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import { createTranslator } from '../../shared/i18n/translator.js';
import type { Preview } from '../../tools/preview/host.js';
import {
  alertWords,
  atMenu,
  chooseLanguage,
  emailCode,
  headingWords,
  openJourney,
  pressStartOver,
  submitForm,
  typeCode,
  typeNewPasswords,
  typeUsername,
} from '../support/browser-any-language.js';
import { seriousAccessibilityFindings, type AxeFinding } from '../support/browser-axe.js';
import { demoPasswordOf } from '../support/browser-directory.js';
import { backToStart, expectStage, startBrowserPreview, withKiosk, wrongCodeFor } from '../support/browser-preview.js';

const screenshotDir = fileURLToPath(new URL('../../docs/screenshots/ar/', import.meta.url));
const words = { ar: createTranslator('ar'), fr: createTranslator('fr'), en: createTranslator('en') };

async function documentLanguage(page: Page): Promise<{ lang: string | null; dir: string | null }> {
  const html = page.locator('html');
  return { lang: await html.getAttribute('lang'), dir: await html.getAttribute('dir') };
}

/**
 * Every walk-up screen in one language: a reset by email with a wrong code and a refused password,
 * a help ticket for a name that gets no code, and a refused change-password sign-in. `onScreen` is
 * called on each, named, once it is settled.
 */
async function walkInLanguage(preview: Preview, language: Language, resetUser: string, newPassword: string, onScreen: (name: string) => Promise<void>) {
  const { page } = preview;
  const t = words[language === 'en' ? 'en' : language === 'fr' ? 'fr' : 'ar'].t;
  await atMenu(page);
  await chooseLanguage(page, language);
  expect(await headingWords(page)).toBe(t('walkUp.menu.heading'));
  await onScreen('start');

  await openJourney(page, 'reset');
  expect(await headingWords(page)).toBe(t('walkUp.journey.reset.title'));
  await submitForm(page);
  await expect.poll(() => alertWords(page)).toBe(t('walkUp.input.usernameMissing'));
  await onScreen('username-missing');

  await typeUsername(page, resetUser);
  await onScreen('method-chooser');

  const code = await emailCode(preview);
  expect(await headingWords(page)).toBe(t('walkUp.code.heading.sent'));
  await onScreen('code-sent');
  await typeCode(page, wrongCodeFor(code));
  // However many tries the kiosk allows, the refusal is one of this language's sentences for it.
  const wrongCodeSentences = [t('walkUp.error.CODE_WRONG'), ...Array.from({ length: 10 }, (_, tries) => t('walkUp.error.CODE_WRONG.triesLeft', { tries }))];
  await expect.poll(async () => wrongCodeSentences.includes(await alertWords(page))).toBe(true);
  await onScreen('wrong-code');

  await typeCode(page, code);
  await expectStage(page, 'new_password');
  await typeNewPasswords(page, 'short1A');
  await submitForm(page);
  await page.locator('#password-error .problems li').first().waitFor();
  expect(await alertWords(page)).toContain(t('walkUp.error.PASSWORD_REJECTED'));
  await onScreen('new-password-refused');

  await typeNewPasswords(page, newPassword);
  await submitForm(page);
  await expectStage(page, 'done');
  expect(await headingWords(page)).toBe(t('walkUp.done.changed.heading'));
  await onScreen('done');
  await pressStartOver(page);
  await atMenu(page);
  // "Start over" ended the session: back in the kiosk's default language.
  expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
  expect(await headingWords(page)).toBe(words.en.t('walkUp.menu.heading'));

  await chooseLanguage(page, language);
  await openJourney(page, 'reset');
  await typeUsername(page, 'chloe.martin');
  await page.locator('button[data-method="email"]').click();
  await expectStage(page, 'code_sent');
  await page.locator('[data-testid="help-ticket-offer"] button').click();
  await expectStage(page, 'ticket');
  expect(await headingWords(page)).toBe(t('walkUp.ticket.heading'));
  await onScreen('help-ticket');
  await page.locator('[data-testid="stage-ticket"] button.button-primary').click();
  await atMenu(page);
  // "Finish" on the ticket ends the session too.
  expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });

  await chooseLanguage(page, language);
  await openJourney(page, 'change');
  await page.locator('#username').fill('grace.nowak');
  await page.locator('#current-password').fill(`${demoPasswordOf('grace.nowak')}-not`);
  await submitForm(page);
  await expect.poll(() => alertWords(page)).toContain(t('walkUp.journey.reset.title'));
  await onScreen('change-password-refused');
  // "Back to the choices" before main holds anything is not the end of a session: the language stays.
  await pressStartOver(page);
  await atMenu(page);
  expect((await documentLanguage(page)).lang).toBe(language);
}

describe('the walk-up kiosk in Arabic and in French', () => {
  let preview: Preview;

  beforeAll(async () => {
    await mkdir(screenshotDir, { recursive: true });
    // A long done countdown, so the done screen is still there while it is audited and photographed.
    preview = await startBrowserPreview({ adjustConfig: withKiosk({ doneReturnSeconds: 60 }) });
  });
  afterAll(async () => {
    await preview?.close();
  });
  beforeEach(async () => {
    await backToStart(preview);
  });

  it('mirrors the page for Arabic: <html dir="rtl" lang="ar">, and the quiet buttons and the demo badge on the other side', async () => {
    const { page } = preview;
    const sides = async () => {
      const width = page.viewportSize()?.width ?? 0;
      const back = await page.locator('[data-testid^="stage-"] button.start-over').boundingBox();
      const badge = await page.locator('.demo-badge').boundingBox();
      if (back === null || badge === null) throw new Error('no back button or demo badge on the page');
      return { backLeftGap: back.x, backRightGap: width - back.x - back.width, badgeLeftGap: badge.x, badgeRightGap: width - badge.x - badge.width };
    };

    await atMenu(page);
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
    await openJourney(page, 'reset');
    const english = await sides();
    await pressStartOver(page);
    await atMenu(page);

    await chooseLanguage(page, 'ar');
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.locator('[data-journey="reset"] .menu-title').innerText()).toBe(words.ar.t('walkUp.journey.reset.title'));
    // The menu card's coloured stripe is at the start of the line: on the right in Arabic.
    const stripe = await page.locator('button[data-journey="reset"]').evaluate((element) => {
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { borderLeftWidth: string; borderRightWidth: string } }).getComputedStyle(element);
      return { left: style.borderLeftWidth, right: style.borderRightWidth };
    });
    expect(stripe).toEqual({ left: '3px', right: '12px' });
    await openJourney(page, 'reset');
    const arabic = await sides();

    // Not full-width, so its side shows: at the end of the action bar, on the right in English and
    // on the left in Arabic, the same distance from the edge.
    expect(english.backRightGap).toBeLessThan(english.backLeftGap);
    expect(arabic.backLeftGap).toBeLessThan(arabic.backRightGap);
    expect(Math.abs(arabic.backLeftGap - english.backRightGap)).toBeLessThan(2);
    expect(arabic.badgeLeftGap).toBeLessThan(arabic.badgeRightGap);
    expect(english.badgeRightGap).toBeLessThan(english.badgeLeftGap);
  });

  it('offers each language in its own name, large enough to touch, with the current one marked', async () => {
    const { page, kiosk } = preview;
    await atMenu(page);
    const buttons = page.locator('[data-testid="language-chooser"] button');
    expect(await buttons.count()).toBe(kiosk.config.languages.offered.length);
    const french = page.locator('[data-testid="language-chooser"] button[data-language="fr"]');
    expect(await french.innerText()).toBe('Français');
    expect(await french.getAttribute('lang')).toBe('fr');
    expect(await french.getAttribute('aria-pressed')).toBe('false');
    const box = await french.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(60);
    expect(box?.width).toBeGreaterThanOrEqual(60);
    await french.click();
    await expect.poll(() => french.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-language="en"]').getAttribute('aria-pressed')).toBe('false');
    expect(await headingWords(page)).toBe(words.fr.t('walkUp.menu.heading'));
  });

  it('resets a password in Arabic with no accessibility findings on any screen, and photographs each one', async () => {
    const { page } = preview;
    const findings: Record<string, AxeFinding[]> = {};
    let shot = 0;
    await walkInLanguage(preview, 'ar', 'amira.khan', 'Zr4Kx8Nv2Bq6Hm', async (screen) => {
      expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      findings[screen] = await seriousAccessibilityFindings(page);
      shot += 1;
      await saveScreenshot(page, `${screenshotDir}${String(shot).padStart(2, '0')}-${screen}.png`);
    });
    expect(Object.keys(findings)).toHaveLength(9);
    expect(Object.fromEntries(Object.entries(findings).filter(([, found]) => found.length > 0))).toEqual({});
  });

  it('has no accessibility findings on any screen in French', async () => {
    const { page } = preview;
    const findings: Record<string, AxeFinding[]> = {};
    await walkInLanguage(preview, 'fr', 'ben.okafor', 'Jd5Wq9Lr3Ns7Vk', async (screen) => {
      expect(await documentLanguage(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      findings[screen] = await seriousAccessibilityFindings(page);
    });
    expect(Object.keys(findings)).toHaveLength(9);
    expect(Object.fromEntries(Object.entries(findings).filter(([, found]) => found.length > 0))).toEqual({});
  });
});

describe('the session’s language ends with the session', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: withKiosk({ doneReturnSeconds: 5 }) });
    // The page's own clock, moved on by the test: the idle wipe and the done countdown without waiting.
    await preview.page.clock.install();
    await preview.page.goto(preview.url);
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('goes back to the default language when the Done screen returns to the start by itself', async () => {
    const { page } = preview;
    await atMenu(page);
    await chooseLanguage(page, 'es');
    await openJourney(page, 'unlock');
    await typeUsername(page, 'dev.patel', 'unlock');
    const code = await emailCode(preview);
    await typeCode(page, code);
    await expectStage(page, 'done');
    expect(await documentLanguage(page)).toEqual({ lang: 'es', dir: 'ltr' });
    expect(await headingWords(page)).toBe(createTranslator('es').t('walkUp.done.unlocked.heading'));
    await page.clock.runFor(6_000);
    await atMenu(page);
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(await headingWords(page)).toBe(words.en.t('walkUp.menu.heading'));
  });

  it('goes back to the default language when a walk-away wipes the session', async () => {
    const { page, kiosk } = preview;
    await atMenu(page);
    await chooseLanguage(page, 'ar');
    await openJourney(page, 'reset');
    await page.locator('#username').fill('amira.khan');
    const warning = page.locator('dialog.idle-dialog');
    await page.clock.runFor(kiosk.config.kiosk.idleSeconds * 1000 - 19_000);
    await warning.waitFor();
    expect(await warning.locator('h2').innerText()).toBe(words.ar.t('walkUp.idle.heading'));
    await page.clock.runFor(20_000);
    await atMenu(page);
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(await headingWords(page)).toBe(words.en.t('walkUp.menu.heading'));
  });
});

describe('a kiosk that speaks one language', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: (config) => ({ ...config, languages: { offered: ['fr'], default: 'fr' } }) });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('starts in its default language and offers no choice', async () => {
    const { page } = preview;
    await atMenu(page);
    await expect.poll(() => headingWords(page)).toBe(words.fr.t('walkUp.menu.heading'));
    expect(await documentLanguage(page)).toEqual({ lang: 'fr', dir: 'ltr' });
    expect(await page.locator('[data-testid="language-chooser"]').count()).toBe(0);
  });
});
