import { afterEach, describe, expect, it } from 'vitest';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import { createArgon2Hasher } from '../../electron/core/hashing/argon2-hasher.js';
import type { Preview } from '../../tools/preview/host.js';
import { seriousAccessibilityFindings } from '../support/browser-axe.js';
import { startBrowserPreview } from '../support/browser-preview.js';
import { openTechnicianSignIn, signInAsDemoTechnician } from '../support/browser-technician.js';

const adminPin = '48213579';

async function browserClosed(preview: Preview): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (preview.browser.isConnected()) {
    if (Date.now() > deadline) throw new Error('The preview browser is still open');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('leaving kiosk mode', () => {
  let preview: Preview | undefined;

  afterEach(async () => {
    await preview?.close();
    preview = undefined;
  });

  it('closes the kiosk for a signed-in technician who confirms "Quit kiosk"', { timeout: 60_000 }, async () => {
    preview = await startBrowserPreview();
    const { page } = preview;
    // Without an admin PIN in the config, the sign-in screen offers no PIN form.
    await openTechnicianSignIn(page);
    expect(await page.getByLabel('Admin PIN', { exact: true }).count()).toBe(0);
    await signInAsDemoTechnician(page);

    await page.getByRole('button', { name: 'Quit kiosk' }).click();
    // Asked once more: a stray tap must not close the kiosk.
    await page.getByRole('button', { name: 'Keep it running' }).click();
    expect(preview.browser.isConnected()).toBe(true);
    await page.getByRole('button', { name: 'Quit kiosk' }).click();
    await page.getByRole('button', { name: 'Yes, quit the kiosk' }).click();
    await browserClosed(preview);
  });

  it('closes the kiosk with the admin PIN from the config, and refuses a wrong one in words', { timeout: 60_000 }, async () => {
    const pinHash = await createArgon2Hasher().hash(adminPin);
    const withPin = (config: KioskConfig): KioskConfig => ({ ...config, kiosk: { ...config.kiosk, adminPinHash: pinHash } });
    preview = await startBrowserPreview({ adjustConfig: withPin });
    const { page } = preview;
    await openTechnicianSignIn(page);
    const pinForm = page.getByRole('form', { name: 'Quit the kiosk with the admin PIN' });

    await page.getByLabel('Admin PIN', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Quit the kiosk' }).click();
    await expect.poll(() => pinForm.getByRole('alert').innerText()).toBe('The admin PIN is 6 to 12 digits.');

    await page.getByLabel('Admin PIN', { exact: true }).fill('11111111');
    await page.getByRole('button', { name: 'Quit the kiosk' }).click();
    await expect.poll(() => pinForm.getByRole('alert').innerText()).toContain('The kiosk keeps running');
    expect(await page.getByLabel('Admin PIN', { exact: true }).inputValue()).toBe('');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    await page.getByLabel('Admin PIN', { exact: true }).fill(adminPin);
    await page.getByRole('button', { name: 'Quit the kiosk' }).click();
    await browserClosed(preview);
  });
});
