import { saveScreenshot } from '../support/screenshots.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoTechnician } from '../../electron/core/demo/demo-technician.js';
import { createTranslator } from '../../shared/i18n/translator.js';
import { startPreview, type Preview } from '../../tools/preview/host.js';
import { accessibilityFindings, type AxeFinding } from '../support/browser-axe.js';
import { demoPasswordOf } from '../support/browser-directory.js';
import { demoMessageCount, expectStage, readCodeFromDemoInbox, requireBuiltRenderer, stageContainer } from '../support/browser-preview.js';
import { methodsList } from '../support/browser-registration.js';
import { freshDemoTechnicianCode, technicianConsole, technicianSignInScreen } from '../support/browser-technician.js';

/**
 * The registration screens and the technician console in Arabic, the kiosk's right-to-left language:
 * the page says so (<html lang="ar" dir="rtl">), the headings are the Arabic catalogue's, axe finds
 * nothing at all, and each screen is photographed for the README (docs/screenshots/ar/, 1080x1920).
 *
 * The kiosk's default language is Arabic here (config languages.default), so every session starts in
 * it. The walk-up menu and sign-in belong to other screens: they are driven by ids and data attributes,
 * not by their words, so this test does not depend on how far their own translation has come.
 */

const ar = createTranslator('ar');
const username = 'grace.nowak';
const personalEmail = 'grace.nowak@homemail.example';
const lookedUp = 'amira.khan';
const screenshotDir = path.resolve('docs/screenshots/ar');
const arabicLetters = /[\u0600-\u06FF]/;

interface Audit {
  screen: string;
  findings: AxeFinding[];
}

/** The page's direction and language, and the level-1 heading's words. */
async function pageLanguage(page: Page): Promise<{ lang: string | null; dir: string | null; heading: string }> {
  const html = page.locator('html');
  return {
    lang: await html.getAttribute('lang'),
    dir: await html.getAttribute('dir'),
    heading: (await page.getByRole('heading', { level: 1 }).first().innerText()).trim(),
  };
}

describe('registration and the technician console in Arabic, right to left', () => {
  let preview: Preview;
  const audits: Audit[] = [];

  /** axe on the screen as shown, the page's language checked, and a portrait screenshot of it. */
  async function record(screen: string, heading: string): Promise<void> {
    const { page } = preview;
    await expect.poll(() => pageLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl', heading });
    expect(heading).toMatch(arabicLetters);
    audits.push({ screen, findings: await accessibilityFindings(page) });
    const file = path.join(screenshotDir, `${screen}.png`);
    const png = await saveScreenshot(page, file);
    // PNG: the width and height are the IHDR chunk's first two big-endian words.
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }, file).toEqual({ width: 1080, height: 1920 });
  }

  beforeAll(async () => {
    requireBuiltRenderer();
    await mkdir(screenshotDir, { recursive: true });
    preview = await startPreview({
      demo: true,
      headless: true,
      viewport: { width: 1080, height: 1920 },
      adjustConfig: (config) => ({ ...config, languages: { ...config.languages, default: 'ar' } }),
    });
    await preview.page.locator('[data-testid="stage-identify"][data-screen="menu"]').waitFor();
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('adds a personal email address with its code, every registration screen in Arabic', { timeout: 120_000 }, async () => {
    const { page, kiosk } = preview;
    await expect.poll(async () => (await pageLanguage(page)).dir).toBe('rtl');

    await page.locator('button[data-journey="register"]').click();
    const signIn = page.locator('[data-testid="stage-identify"][data-screen="register"]');
    await signIn.waitFor();
    await page.locator('#username').fill(username);
    await page.locator('#current-password').fill(demoPasswordOf(username));
    await signIn.locator('button[type="submit"]').click();
    await expectStage(page, 'methods');

    const list = methodsList(page);
    await list.waitFor();
    expect(await list.innerText()).toContain(ar.t('registration.methods.signedInAs', { username }));
    expect(await list.innerText()).toContain(ar.t('registration.methods.tooFew.none', { missing: 1 }));
    await record('registration-methods', ar.t('registration.methods.title'));

    await page.getByRole('button', { name: ar.t('registration.kind.add', { kind: 'email' }) }).click();
    await page.locator('[data-screen="add-email"]').waitFor();
    await page.getByLabel(ar.t('registration.email.address'), { exact: true }).fill(personalEmail);
    await page.getByLabel(ar.t('registration.email.again'), { exact: true }).fill(personalEmail);
    await record('registration-add-email', ar.t('registration.email.title.add'));

    const before = await demoMessageCount(page);
    await page.getByRole('button', { name: ar.t('registration.form.sendCode') }).click();
    await expectStage(page, 'method_code');
    const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
    await record('registration-method-code', ar.t('registration.code.title'));

    const codeScreen = stageContainer(page, 'method_code');
    await codeScreen.getByLabel(ar.t('registration.code.label'), { exact: true }).fill(code);
    await codeScreen.locator('button[type="submit"]').click();
    await expectStage(page, 'method_review');
    expect(await page.getByTestId('method-change').innerText()).toMatch(/^إضافة البريد الإلكتروني الشخصي /);
    await record('registration-review', ar.t('registration.review.title'));

    await page.getByRole('button', { name: ar.t('registration.review.confirm') }).click();
    await list.waitFor();
    expect(await page.getByTestId('method-saved').innerText()).toMatch(/^تم الحفظ: أُضيف بريدك الإلكتروني الشخصي /);
    await expect.poll(() => list.locator('.method-line').first().innerText()).toMatch(/، أُعِدّ في /);
    await record('registration-saved', ar.t('registration.methods.title'));

    await page.getByRole('button', { name: ar.t('registration.methods.finish') }).click();
    await page.locator('[data-testid="stage-identify"][data-screen="menu"]').waitFor();
  });

  it('a technician signs in and looks someone up, the console in Arabic', { timeout: 120_000 }, async () => {
    const { page } = preview;
    await page.getByRole('button', { name: ar.t('technician.door.label') }).click();
    await technicianSignInScreen(page).waitFor();
    await record('technician-sign-in', ar.t('technician.signIn.title'));

    await page.getByLabel(ar.t('technician.signIn.username'), { exact: true }).fill(demoTechnician.username);
    await page.getByLabel(ar.t('technician.signIn.password'), { exact: true }).fill(demoTechnician.password);
    await page.getByLabel(ar.t('technician.signIn.code'), { exact: true }).fill(await freshDemoTechnicianCode());
    await page.getByRole('button', { name: ar.t('technician.signIn.submit'), exact: true }).click();
    await technicianConsole(page).waitFor();
    expect(await page.getByTestId('technician-bar').innerText()).toContain(
      ar.t('technician.console.signedInAs', { displayName: demoTechnician.displayName, username: demoTechnician.username }),
    );
    await record('technician-console', ar.t('technician.console.title'));

    await page.getByLabel(ar.t('technician.lookup.byUsername'), { exact: true }).fill(lookedUp);
    await page.getByRole('button', { name: ar.t('technician.lookup.submit'), exact: true }).click();
    const person = page.locator(`[data-testid="technician-person"][data-username="${lookedUp}"]`);
    await person.waitFor();
    expect(await person.getByRole('heading', { level: 2 }).innerText()).toContain(`(${lookedUp})`);
    expect(await person.innerText()).toContain(ar.t('technician.person.methods'));
    expect(await page.getByTestId('technician-id-check').getByRole('heading', { level: 2 }).innerText()).toBe(ar.t('technician.idCheck.title'));
    expect(await page.getByTestId('technician-actions').innerText()).toContain(ar.t('technician.actions.needIdCheck'));
    await record('technician-lookup', ar.t('technician.console.title'));

    await page.getByRole('button', { name: ar.t('technician.console.signOut') }).click();
    await technicianConsole(page).waitFor({ state: 'detached' });
  });

  it('axe finds no violations at all on any of those screens', () => {
    expect(audits.map((audit) => audit.screen)).toEqual([
      'registration-methods',
      'registration-add-email',
      'registration-method-code',
      'registration-review',
      'registration-saved',
      'technician-sign-in',
      'technician-console',
      'technician-lookup',
    ]);
    expect(audits.filter((audit) => audit.findings.length > 0)).toEqual([]);
  });
});
