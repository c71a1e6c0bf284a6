import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import type { Preview } from '../../tools/preview/host.js';
import { startBrowserPreview, startScreen } from '../support/browser-preview.js';
import { mainTechnicianView, signInAsDemoTechnician, technicianConsole } from '../support/browser-technician.js';

/** The shortest idle limit the config allows, so the test waits half a minute rather than three. */
const idleSeconds = 30;
const withTechnicianIdle = (config: KioskConfig): KioskConfig => ({ ...config, technician: { ...config.technician, idleSeconds } });

describe('a technician who walks away is signed out', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: withTechnicianIdle });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('counts down, signs out after technician.idleSeconds without activity, and returns to the public start', { timeout: 90_000 }, async () => {
    const { page } = preview;
    await signInAsDemoTechnician(page);
    expect(await page.getByTestId('technician-idle').innerText()).toContain('30 seconds');

    // The last 20 seconds are a warning anyone at the screen can answer.
    await expect
      .poll(() => page.getByTestId('technician-idle').innerText(), { timeout: 20_000, interval: 500 })
      .toMatch(/^Signing out in \d+ seconds?/);

    await startScreen(page).waitFor({ timeout: (idleSeconds + 10) * 1000 });
    expect(await technicianConsole(page).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Staff sign-in' }).isVisible()).toBe(true);
    expect((await mainTechnicianView(preview)).signedIn).toBe(false);
  });
});
