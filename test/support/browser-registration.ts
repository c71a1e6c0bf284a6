import { createRequire } from 'node:module';
import jsQRModule from 'jsqr';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import type { DemoMessage } from '../../shared/ipc/contract.js';
import type { Preview } from '../../tools/preview/host.js';
import {
  appSender,
  chooseJourney,
  currentPasswordField,
  demoMessageCount,
  expectStage,
  readCodeFromDemoInbox,
  stageContainer,
  startScreen,
} from './browser-preview.js';

/**
 * Browser steps of "Set up password reset and sign-in methods", as a person at the kiosk takes them:
 * codes read from the page's demo inbox, app codes computed from the key the screen shows.
 */

const require = createRequire(import.meta.url);
// jsqr is CommonJS with a `default` export: under NodeNext its function is that property.
const jsQR = jsQRModule.default;
/** pngjs comes with qrcode (a dependency); only its synchronous reader is used, typed here. */
const { PNG } = require('pngjs') as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } };

export const appCodeDigits = 6;
export const appPeriodSeconds = 30;

/** From the menu: sign in with the current password and wait for the list of methods. */
export async function signInToRegister(page: Page, username: string, password: string): Promise<void> {
  if (await startScreen(page).isVisible()) await chooseJourney(page, 'register');
  await page.getByLabel('Username').fill(username);
  await currentPasswordField(page).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectStage(page, 'methods');
}

/** The list screen (not one of its add forms). */
export function methodsList(page: Page) {
  return page.locator('[data-testid="stage-methods"][data-screen="list"]');
}

/** Confirm on the review screen, and wait for the list with its "Saved" message. */
export async function confirmChange(page: Page): Promise<string> {
  await expectStage(page, 'method_review');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await methodsList(page).waitFor();
  return page.getByTestId('method-saved').innerText();
}

/** The code sent to a new address or number: read from the demo inbox and typed in. */
export async function proveNewMethodByCode(preview: Preview, before: number): Promise<void> {
  const { page, kiosk } = preview;
  await expectStage(page, 'method_code');
  const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
  await stageContainer(page, 'method_code').getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

export async function addEmailMethod(preview: Preview, address: string): Promise<string> {
  const { page } = preview;
  await page.getByRole('button', { name: 'Add a personal email address' }).click();
  await page.getByLabel('Personal email address').fill(address);
  await page.getByLabel('Type it again').fill(address);
  const before = await demoMessageCount(page);
  await page.getByRole('button', { name: 'Send a code' }).click();
  await proveNewMethodByCode(preview, before);
  return confirmChange(page);
}

export async function addPhoneMethod(preview: Preview, number: string): Promise<string> {
  const { page } = preview;
  await page.getByRole('button', { name: 'Add a mobile number' }).click();
  await page.getByLabel('Mobile number').fill(number);
  const before = await demoMessageCount(page);
  await page.getByRole('button', { name: 'Send a code' }).click();
  await proveNewMethodByCode(preview, before);
  return confirmChange(page);
}

export interface ShownAppSecret {
  /** base32, as typed into an app by hand (the screen's groups without spaces). */
  secret: string;
  /** What the QR picture on screen decodes to. */
  qrText: string | null;
}

/** Reads the app setup screen as a person would: the key typed by hand, and the QR code as a camera sees it. */
export async function readAppSetupScreen(page: Page): Promise<ShownAppSecret> {
  await expectStage(page, 'app_setup');
  const secret = (await page.getByTestId('app-secret').innerText()).replace(/\s+/g, '');
  return { secret, qrText: await decodeQrOnScreen(page) };
}

/** Screenshots the QR code's SVG as Chromium drew it and decodes the pixels with jsqr. */
export async function decodeQrOnScreen(page: Page): Promise<string | null> {
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  const png = PNG.sync.read(await qr.screenshot({ animations: 'disabled' }));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ?? null;
}

/** The code an authenticator app holding this key shows at `at` (RFC 6238, SHA-1, 6 digits, 30 s). */
export function appCodeAt(secret: string, at: number): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: appCodeDigits, period: appPeriodSeconds });
  return totp.generate({ timestamp: at });
}

export function timeStepAt(at: number): number {
  return Math.floor(at / 1000 / appPeriodSeconds);
}

/**
 * A code from a time step after `usedStep`: an accepted step can never be accepted again, so the
 * next proof by the same app waits for the app's next code, as a person would. Returns the step used.
 */
export async function freshAppCode(secret: string, usedStep: number | null): Promise<{ code: string; step: number }> {
  for (;;) {
    const now = Date.now();
    const step = timeStepAt(now);
    // Also avoid the last two seconds of a step, so the code is not stale by the time it is checked.
    const secondsLeft = appPeriodSeconds - ((now / 1000) % appPeriodSeconds);
    if ((usedStep === null || step > usedStep) && secondsLeft > 2) return { code: appCodeAt(secret, now), step };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Submits the code on the app setup screen and confirms the new app. */
export async function finishAppSetup(page: Page, code: string): Promise<string> {
  await page.getByLabel('Code from your app').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  return confirmChange(page);
}

/** Every message the demo outbox holds, oldest first, as main reports them. */
export async function demoInbox(preview: Preview): Promise<DemoMessage[]> {
  const result = await preview.kiosk.router.handle('demo:inbox', appSender(preview), {});
  if (!result.ok) throw new Error(`demo:inbox failed: ${result.error.code}`);
  return [...(result.value as DemoMessage[])].sort((a, b) => a.id - b.id);
}
