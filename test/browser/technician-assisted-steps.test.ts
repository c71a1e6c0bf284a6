import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import { directoryVerifies } from '../support/browser-directory.js';
import {
  askForEmailCode,
  demoMessageCount,
  expectStage,
  readCodeFromDemoInbox,
  stageContainer,
  startBrowserPreview,
  submitCode,
  typeNewPassword,
} from '../support/browser-preview.js';
import { addEmailMethod, methodsList } from '../support/browser-registration.js';
import {
  lookUpUsername,
  recordIdCheck,
  signInAsDemoTechnician,
  technicianArea,
  technicianAreaContents,
  technicianConsole,
} from '../support/browser-technician.js';

describe('assisted steps that still prove the person by their own email', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startPreviewSignedIn();
  });
  afterAll(async () => {
    await preview?.close();
  });

  async function startPreviewSignedIn(): Promise<Preview> {
    const started = await startBrowserPreview();
    await signInAsDemoTechnician(started.page);
    return started;
  }

  it('"Reset with a code to the person": the person gets a code at their own address, types it, then chooses the password', { timeout: 90_000 }, async () => {
    const { page, kiosk } = preview;
    await lookUpUsername(page, 'ben.okafor');
    await recordIdCheck(page);
    await page.getByRole('button', { name: 'Reset with a code to the person' }).click();
    await expectStage(page, 'choose_method');
    expect(await technicianArea(page).innerText()).toContain('The person is choosing where the code goes.');
    // The technician is there: no help ticket is offered in an assisted step.
    expect(await page.getByTestId('help-ticket-offer').count()).toBe(0);

    const before = await demoMessageCount(page);
    await askForEmailCode(page);
    await expect.poll(() => page.getByTestId('assist-stage').innerText()).toBe('Waiting for the person to type the code sent to them.');
    const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
    await submitCode(page, code);
    await expectStage(page, 'new_password');
    expect(await technicianAreaContents(page)).not.toContain(code);
    expect(await page.getByRole('button', { name: /Show password/ }).count()).toBe(0);

    const password = 'Rm4Tz8Kc2Wq6Jd';
    await typeNewPassword(page, password);
    await expect.poll(() => page.getByTestId('assist-policy').innerText(), { timeout: 10_000 }).toBe('Password rules: met');
    expect(await technicianAreaContents(page)).not.toContain(password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectStage(page, 'done');
    await expect.poll(() => page.getByTestId('assist-result').innerText()).toContain('Reset with a code to the person: the password was changed.');
    expect(await directoryVerifies(kiosk, 'ben.okafor', password)).toBe(true);

    await page.getByRole('button', { name: 'Back to the technician console' }).click();
    await technicianConsole(page).waitFor();
  });

  it('"Set up a first method": an unregistered person adds their own email, proven by a code sent to it', { timeout: 90_000 }, async () => {
    const { page } = preview;
    await page.getByRole('button', { name: 'Close this case' }).click();
    await lookUpUsername(page, 'chloe.martin');
    expect(await page.getByRole('button', { name: 'Reset with a code to the person' }).isDisabled()).toBe(true);
    await recordIdCheck(page);
    expect(await page.getByRole('button', { name: 'Reset with a code to the person' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Set up a first method' }).click();
    await methodsList(page).waitFor();
    expect(await technicianArea(page).innerText()).toContain('The person is setting up a method.');

    const address = 'chloe.home@example.net';
    expect(await addEmailMethod(preview, address)).toBeTruthy();
    // The technician sees that a method is being set up, never which address.
    expect(await technicianAreaContents(page)).not.toContain('chloe.home');

    await stageContainer(page, 'methods').getByRole('button', { name: 'Finish' }).click();
    await technicianConsole(page).waitFor();
    await expect.poll(() => page.getByTestId('technician-last-action').innerText()).toContain('Setting up a first method: the method was set up.');
    expect(await technicianAreaContents(page)).not.toContain(address);
  });
});
