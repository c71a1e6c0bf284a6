import type { Locator, Page } from 'playwright-core';
import { demoTechnician } from '../../electron/core/demo/demo-technician.js';
import type { TechnicianView } from '../../shared/technician/technician-view.js';
import type { Preview } from '../../tools/preview/host.js';
import { appCodeAt } from './authenticator-app.js';
import { appSender } from './browser-preview.js';

/**
 * Technician mode in the browser tests: the demo technician signs in the way a person at the kiosk
 * would (the discreet control, three factors, a code computed from the demo secret by otpauth).
 */

const periodMs = 30_000;
/** The last TOTP time step a test used: main never accepts one twice, so the next sign-in waits for a new one. */
let lastStep = -1;

export async function freshDemoTechnicianCode(): Promise<string> {
  let now = Date.now();
  if (Math.floor(now / periodMs) <= lastStep) {
    await new Promise((resolve) => setTimeout(resolve, (lastStep + 1) * periodMs - now + 250));
    now = Date.now();
  }
  lastStep = Math.floor(now / periodMs);
  return appCodeAt(demoTechnician.totpSecret, new Date(now));
}

export function technicianDoor(page: Page): Locator {
  return page.getByRole('button', { name: 'Staff sign-in' });
}

export function technicianSignInScreen(page: Page): Locator {
  return page.getByTestId('technician-sign-in');
}

export function technicianConsole(page: Page): Locator {
  return page.getByTestId('technician-console');
}

/** The part of an assisted step's screen the technician reads. */
export function technicianArea(page: Page): Locator {
  return page.locator('[data-area="technician"]');
}

export async function openTechnicianSignIn(page: Page): Promise<void> {
  await technicianDoor(page).click();
  await technicianSignInScreen(page).waitFor();
}

/** Fills the sign-in form and sends it; does not wait for the answer. */
export async function submitTechnicianSignIn(page: Page, factors: { username?: string; password?: string; code?: string } = {}): Promise<void> {
  if (!(await technicianSignInScreen(page).isVisible())) await openTechnicianSignIn(page);
  await page.getByLabel('Technician username').fill(factors.username ?? demoTechnician.username);
  await page.getByLabel('Password', { exact: true }).fill(factors.password ?? demoTechnician.password);
  await page.getByLabel('App code').fill(factors.code ?? (await freshDemoTechnicianCode()));
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAsDemoTechnician(page: Page): Promise<void> {
  await submitTechnicianSignIn(page);
  await technicianConsole(page).waitFor();
}

/** Main's own view of the technician session (the router, as the page would ask). */
export async function mainTechnicianView(preview: Preview): Promise<TechnicianView> {
  const result = await preview.kiosk.router.handle('technician:get', appSender(preview), {});
  if (!result.ok) throw new Error(`technician:get failed: ${result.error.code}`);
  return result.value as TechnicianView;
}

export async function lookUpTicket(page: Page, ticket: string): Promise<void> {
  await page.getByLabel('Help ticket code').fill(ticket);
  await page.getByRole('button', { name: 'Look up ticket' }).click();
  await page.getByTestId('technician-ticket').waitFor();
}

export async function lookUpUsername(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByRole('button', { name: 'Look up', exact: true }).click();
  await page.locator(`[data-testid="technician-person"][data-username="${username}"]`).waitFor();
}

/** Records the first document on the list as seen in person. */
export async function recordIdCheck(page: Page): Promise<string> {
  const select = page.getByLabel('Document seen');
  const document = await select.locator('option').nth(1).getAttribute('value');
  if (document === null) throw new Error('No identity document listed');
  await select.selectOption(document);
  await page.getByLabel('I have seen this document and the person in person').check();
  await page.getByRole('button', { name: 'Record the ID check' }).click();
  await page.getByTestId('id-check-recorded').waitFor();
  return document;
}

/**
 * Everything of the technician area a reader or a script could get: its markup, its text, and the
 * values of any form fields in it (a value typed into an input is not in innerHTML).
 */
export async function technicianAreaContents(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as {
      document: { querySelectorAll(selector: string): Iterable<{ innerHTML: string; textContent: string | null; querySelectorAll(s: string): Iterable<{ value: string }> }> };
    };
    const parts: string[] = [];
    for (const area of document.querySelectorAll('[data-area="technician"]')) {
      parts.push(area.innerHTML, area.textContent ?? '');
      for (const field of area.querySelectorAll('input, textarea, select')) parts.push(field.value);
    }
    return parts.join('\n');
  });
}
