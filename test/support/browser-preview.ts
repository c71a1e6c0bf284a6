import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import type { CodePurpose, Purpose, Stage, VerificationMethod } from '../../shared/flow/stages.js';
import type { SenderInfo } from '../../electron/core/ipc/sender.js';
import { defaultRendererDir, startPreview, type Preview, type PreviewOptions } from '../../tools/preview/host.js';

/**
 * Browser tests drive the real kiosk (createKiosk + the built renderer) in Debian's Chromium through
 * the preview host: headless, demo mode, one preview per test file, back to the start between tests.
 */

export function requireBuiltRenderer(): void {
  if (!existsSync(path.join(defaultRendererDir, 'index.html')))
    throw new Error(
      `Browser tests need the built renderer in ${defaultRendererDir}: run \`npm run build:renderer\` (npm test does this first).`,
    );
}

export async function startBrowserPreview(options: Omit<PreviewOptions, 'headless' | 'demo' | 'configPath'> = {}): Promise<Preview> {
  requireBuiltRenderer();
  const preview = await startPreview({ ...options, demo: true, headless: true });
  // By test id, not by its English heading: a kiosk configured with another default language starts in it.
  await preview.page.locator('[data-testid="stage-identify"][data-screen="menu"]').waitFor();
  return preview;
}

/** Shortens the kiosk's timings for tests without touching anything else in the demo config. */
export function withKiosk(patch: Partial<KioskConfig['kiosk']>) {
  return (config: KioskConfig): KioskConfig => ({ ...config, kiosk: { ...config.kiosk, ...patch } });
}

/** What the Electron shell reports for the kiosk's own page. */
export function appSender(preview: Preview): SenderInfo {
  return { url: preview.url, isMainFrame: true };
}

/** Ends the walk-up session in main and reloads the page, as a fresh person at the kiosk would find it. */
export async function backToStart(preview: Preview): Promise<void> {
  await preview.kiosk.router.handle('session:startOver', appSender(preview), {});
  await preview.page.goto(preview.url);
  await startScreen(preview.page).waitFor();
}

export async function mainStage(preview: Preview): Promise<Stage> {
  const result = await preview.kiosk.router.handle('session:get', appSender(preview), {});
  if (!result.ok) throw new Error(`session:get failed: ${result.error.code}`);
  return (result.value as { stage: Stage }).stage;
}

export function stageContainer(page: Page, stage: Stage): Locator {
  return page.getByTestId(`stage-${stage}`);
}

/**
 * Waits for a stage; on timeout says which stage the page shows instead and what its alerts say, so a
 * refusal from another area (e.g. a password engine that changed its mind) is obvious in the failure.
 */
export async function expectStage(page: Page, stage: Stage, timeout = 10_000): Promise<void> {
  try {
    await stageContainer(page, stage).waitFor({ timeout });
  } catch (error) {
    const shown = await page.locator('[data-testid^="stage-"]').first().getAttribute('data-testid').catch(() => null);
    const alerts = (await page.getByRole('alert').allInnerTexts().catch(() => [])).map((text) => text.trim()).filter(Boolean);
    throw new Error(`Expected stage-${stage}, the page shows ${shown ?? 'no stage'}; alerts: ${alerts.join(' | ') || 'none'}`, {
      cause: error,
    });
  }
}

/** The start screen: the menu of journeys (main's `identify` stage with nothing chosen yet). */
export function startScreen(page: Page): Locator {
  return page.getByRole('heading', { name: 'What do you need to do?', level: 1 });
}

/** The menu's button for each journey, by the words on it. */
export const journeyButtonNames: Record<Purpose, string> = {
  reset: 'Forgot your password?',
  unlock: 'Account locked?',
  change: 'Change your password',
  register: 'Set up password reset and sign-in methods',
};

/** A menu button: its name is its title, then a line saying what the journey does. */
export function journeyButton(page: Page, purpose: Purpose): Locator {
  const title = journeyButtonNames[purpose].replace(/[?]/g, '\\?');
  return page.getByRole('button', { name: new RegExp(`^${title} `) });
}

/** From the menu to the first screen of a journey (main is told nothing yet). */
export async function chooseJourney(page: Page, purpose: Purpose): Promise<void> {
  await journeyButton(page, purpose).click();
  await page.locator(`[data-testid="stage-identify"][data-screen="${purpose}"]`).waitFor();
}

export function demoMessages(page: Page): Locator {
  return page.getByTestId('demo-message');
}

export async function demoMessageCount(page: Page): Promise<number> {
  return demoMessages(page).count();
}

/** Waits until the demo inbox panel in the page lists more than `before` messages; returns the newest one's text. */
export async function newestDemoMessageText(page: Page, before: number): Promise<string> {
  await demoMessages(page).nth(before).waitFor({ timeout: 15_000 });
  // The panel lists the newest message first.
  return demoMessages(page).first().innerText();
}

/**
 * Reads the code from the newest message with a code among those that arrived after `before`, as a
 * presenter would. Notices of an earlier change may still be arriving (the outbox sends them in the
 * background), so the newest message is not always the code.
 */
export async function readCodeFromDemoInbox(page: Page, before: number, codeLength: number): Promise<string> {
  await demoMessages(page).nth(before).waitFor({ timeout: 15_000 });
  const codePattern = new RegExp(`(?<![0-9])([0-9]{${codeLength}})(?![0-9])`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    // The panel lists the newest message first: the first (count - before) are the new ones.
    const texts = await demoMessages(page).allInnerTexts();
    const fresh = texts.slice(0, Math.max(0, texts.length - before));
    for (const text of fresh) {
      const match = codePattern.exec(text);
      if (match?.[1] !== undefined) return match[1];
    }
    if (Date.now() > deadline) throw new Error(`No ${codeLength}-digit code in the ${fresh.length} newest demo message(s):\n${fresh.join('\n---\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** From the menu (or that journey's first screen) to the method chooser: types the username and continues. */
export async function enterUsername(page: Page, username: string, purpose: CodePurpose = 'reset'): Promise<void> {
  if (await startScreen(page).isVisible()) await chooseJourney(page, purpose);
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Continue' }).click();
  await stageContainer(page, 'choose_method').waitFor();
}

export const methodButtonNames: Record<VerificationMethod, string> = {
  email: 'Email me a code',
  sms: 'Text me a code',
};

export async function askForCode(page: Page, method: VerificationMethod): Promise<void> {
  await page.getByRole('button', { name: methodButtonNames[method] }).click();
  await stageContainer(page, 'code_sent').waitFor();
}

export async function askForEmailCode(page: Page): Promise<void> {
  await askForCode(page, 'email');
}

export function currentPasswordField(page: Page): Locator {
  return page.getByLabel('Current password', { exact: true });
}

/** "Change your password": from the menu, types a username and current password and continues; does not wait for the answer. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  if (await startScreen(page).isVisible()) await chooseJourney(page, 'change');
  await page.getByLabel('Username').fill(username);
  await currentPasswordField(page).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

export function codeField(page: Page): Locator {
  return stageContainer(page, 'code_sent').getByLabel('Code', { exact: true });
}

/** Everything the stage's alert regions say right now (they stay in the page, empty, between errors). */
export async function alertText(page: Page, stage: Stage): Promise<string> {
  return (await stageContainer(page, stage).getByRole('alert').allInnerTexts()).join('\n').trim();
}

/** The password checklist's items, by whether the screen says they are met (in text, not colour alone). */
export function checklistItems(page: Page, met: boolean): Locator {
  return page
    .getByRole('list', { name: 'Password rules' })
    .getByRole('listitem')
    .filter({ hasText: met ? /^\s*Met:/ : /^\s*Not met:/ });
}

export async function submitCode(page: Page, code: string): Promise<void> {
  await codeField(page).fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

/**
 * From the menu through a code journey: username, method, and the code read from the page's demo
 * inbox. Returns once the code is submitted; the caller waits for where the journey goes next.
 */
export async function proveByCode(
  preview: Preview,
  username: string,
  options: { purpose?: CodePurpose; method?: VerificationMethod; /** Another client's view of the kiosk page (CDP). */ page?: Page } = {},
): Promise<{ code: string; message: string }> {
  const page = options.page ?? preview.page;
  await enterUsername(page, username, options.purpose ?? 'reset');
  const before = await demoMessageCount(page);
  await askForCode(page, options.method ?? 'email');
  const message = await newestDemoMessageText(page, before);
  const code = await readCodeFromDemoInbox(page, before, preview.kiosk.config.codes.length);
  await submitCode(page, code);
  return { code, message };
}

/** From the start screen to "choose a new password" for an account with a verified email address. */
export async function proveByEmail(preview: Preview, username: string): Promise<void> {
  await proveByCode(preview, username);
  await expectStage(preview.page, 'new_password');
}

export function newPasswordField(page: Page): Locator {
  return page.getByLabel('New password', { exact: true });
}

export function repeatPasswordField(page: Page): Locator {
  return page.getByLabel('Type it again', { exact: true });
}

export async function typeNewPassword(page: Page, password: string, confirmation = password): Promise<void> {
  await newPasswordField(page).fill(password);
  await repeatPasswordField(page).fill(confirmation);
}

/** A digit string of the same length that is certainly not `code`. */
export function wrongCodeFor(code: string): string {
  return [...code].map((digit) => String((Number(digit) + 1) % 10)).join('');
}

/** A TCP port that was free a moment ago, for --remote-debugging-port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
