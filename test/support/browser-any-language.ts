import type { Page } from 'playwright-core';
import type { Language } from '../../shared/i18n/languages.js';
import type { CodePurpose, Purpose } from '../../shared/flow/stages.js';
import type { Preview } from '../../tools/preview/host.js';
import { demoMessageCount, expectStage, readCodeFromDemoInbox } from './browser-preview.js';

/**
 * Walks the walk-up screens by ids and data attributes instead of words, so the same steps work in
 * any language and in the marked pseudo-language (where every name reads "⟦…⟧").
 */
export async function atMenu(page: Page): Promise<void> {
  await page.locator('[data-testid="stage-identify"][data-screen="menu"]').waitFor();
}

export async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page.locator(`[data-testid="language-chooser"] button[data-language="${language}"]`).click();
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

export async function openJourney(page: Page, purpose: Purpose): Promise<void> {
  await page.locator(`button[data-journey="${purpose}"]`).click();
  await page.locator(`[data-testid="stage-identify"][data-screen="${purpose}"]`).waitFor();
}

/** The stage form's one submit button ("Continue", "Verify", "Change password"), in the action bar. */
export async function submitForm(page: Page): Promise<void> {
  await page.locator('[data-testid^="stage-"] button[type="submit"]').click();
}

export async function typeUsername(page: Page, username: string, purpose: CodePurpose = 'reset'): Promise<void> {
  await page.locator('#username').fill(username);
  await submitForm(page);
  await expectStage(page, 'choose_method');
  await page.locator(`[data-testid="stage-choose_method"][data-purpose="${purpose}"]`).waitFor();
}

/** Asks for an email code and returns it, read from the demo inbox. */
export async function emailCode(preview: Preview): Promise<string> {
  const { page } = preview;
  const before = await demoMessageCount(page);
  await page.locator('button[data-method="email"]').click();
  await expectStage(page, 'code_sent');
  return readCodeFromDemoInbox(page, before, preview.kiosk.config.codes.length);
}

export async function typeCode(page: Page, code: string): Promise<void> {
  await page.locator('#code').fill(code);
  await submitForm(page);
}

export async function typeNewPasswords(page: Page, password: string, confirmation = password): Promise<void> {
  await page.locator('#new-password').fill(password);
  await page.locator('#confirm-password').fill(confirmation);
}

/** "Start over" ("Back to the choices" on a journey's first screen, "Finish" on Done). */
export async function pressStartOver(page: Page): Promise<void> {
  await page.locator('[data-testid^="stage-"] button.start-over, [data-testid="done-finish"]').click();
}

export async function alertWords(page: Page): Promise<string> {
  return (await page.locator('[data-testid^="stage-"] [role="alert"]').allInnerTexts()).join('\n').trim();
}

export async function headingWords(page: Page): Promise<string> {
  return (await page.locator('[data-testid^="stage-"] h1').first().innerText()).trim();
}
