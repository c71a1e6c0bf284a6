import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import { seriousAccessibilityFindings } from '../support/browser-axe.js';
import { directoryIsLocked, directoryVerifies, demoPasswordOf } from '../support/browser-directory.js';
import { getHelpTicket } from '../support/browser-help-ticket.js';
import { demoMessageCount, expectStage, mainStage, newestDemoMessageText, newPasswordField, repeatPasswordField, stageContainer, startBrowserPreview, startScreen } from '../support/browser-preview.js';
import {
  lookUpTicket,
  lookUpUsername,
  mainTechnicianView,
  recordIdCheck,
  signInAsDemoTechnician,
  submitTechnicianSignIn,
  technicianArea,
  technicianAreaContents,
  technicianConsole,
  technicianDoor,
  technicianSignInScreen,
} from '../support/browser-technician.js';

const newPassword = 'Vq8Jw3Xn6Hd2Ky';

describe('a technician helps a person at the kiosk without ever seeing their password', () => {
  let preview: Preview;
  const audits: Array<{ screen: string; findings: unknown[] }> = [];
  const audit = async (screen: string) => audits.push({ screen, findings: await seriousAccessibilityFindings(preview.page) });

  beforeAll(async () => {
    preview = await startBrowserPreview();
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('ticket from a failed attempt, sign-in, lookup, ID check, and the person chooses the new password in an assisted reset', { timeout: 120_000 }, async () => {
    const { page, kiosk } = preview;

    // chloe.martin is not registered: no code comes, so she asks for a help ticket.
    const shown = await getHelpTicket(page, 'chloe.martin');
    expect(shown).toMatch(/^[A-Z0-9]{3} [A-Z0-9]{3}$/);
    const ticketScreen = await stageContainer(page, 'ticket').innerText();
    expect(ticketScreen).toContain(kiosk.config.branding.serviceDesk.name);
    expect(ticketScreen).toMatch(/Valid until .+\./);
    await audit('help ticket');
    await page.getByRole('button', { name: 'Finish' }).click();
    await startScreen(page).waitFor();

    // The technician comes to the kiosk: the discreet control (small words, a full-size target, the
    // last stop of the keyboard's tab order), then a wrong code first.
    const door = technicianDoor(page);
    const box = await door.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(60);
    expect(box?.height).toBeGreaterThanOrEqual(60);
    const doorFocused = () => door.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
    let presses = 0;
    while (!(await doorFocused()) && presses < 40) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    expect(await doorFocused()).toBe(true);
    await page.keyboard.press('Enter');
    await technicianSignInScreen(page).waitFor();
    await audit('technician sign-in, empty');
    await submitTechnicianSignIn(page, { code: '000000' });
    await expect
      .poll(() => technicianSignInScreen(page).getByRole('alert').first().innerText())
      .toContain('That username, password and app code do not match an active technician.');
    // Nothing typed survives a refusal: password and code are asked for again.
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('App code').inputValue()).toBe('');
    await audit('technician sign-in, refused');

    await signInAsDemoTechnician(page);
    expect(await technicianConsole(page).innerText()).toContain('Signed in as');
    expect((await mainTechnicianView(preview)).signedIn).toBe(true);
    await audit('technician console, empty');

    // The ticket, typed as read out (small letters, no space), shows what the kiosk saw.
    await lookUpTicket(page, shown.replace(' ', '').toLowerCase());
    const ticketCard = await page.getByTestId('technician-ticket').innerText();
    expect(ticketCard).toContain('chloe.martin');
    expect(ticketCard).toContain('Reset a forgotten password');
    expect(await page.getByTestId('ticket-events').getByRole('listitem').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="technician-person"][data-username="chloe.martin"]').waitFor();
    const assistButton = page.getByRole('button', { name: 'Assisted reset' });
    expect(await assistButton.isDisabled()).toBe(true);
    await audit('technician console, ticket and person');

    await recordIdCheck(page);
    expect(await assistButton.isDisabled()).toBe(false);
    await audit('technician console, ID checked');

    await assistButton.click();
    await expectStage(page, 'new_password');
    expect(await mainStage(preview)).toBe('new_password');
    await technicianArea(page).first().waitFor();
    expect(await technicianArea(page).innerText()).toContain('The person is choosing a new password.');
    // No reveal in an assisted step: the technician stands beside the screen.
    expect(await page.getByRole('button', { name: /Show password/ }).count()).toBe(0);
    await audit('assisted reset, person area and technician area');

    // Key by key, into both boxes: after every keystroke nothing of the password is in the technician area.
    const checks: string[] = [];
    for (const field of [newPasswordField(page), repeatPasswordField(page)]) {
      await field.click();
      for (let typed = 1; typed <= newPassword.length; typed += 1) {
        await page.keyboard.type(newPassword.charAt(typed - 1));
        const contents = await technicianAreaContents(page);
        const sofar = newPassword.slice(0, typed);
        expect(contents).not.toContain(newPassword);
        if (sofar.length >= 3) expect(contents).not.toContain(sofar);
        checks.push(sofar);
      }
    }
    expect(checks).toHaveLength(2 * newPassword.length);
    expect(await newPasswordField(page).getAttribute('type')).toBe('password');
    await expect.poll(() => page.getByTestId('assist-policy').innerText(), { timeout: 10_000 }).toBe('Password rules: met');
    expect(JSON.stringify(await mainTechnicianView(preview))).not.toContain(newPassword);

    await page.getByRole('button', { name: 'Change password' }).click();
    // The person reads their result; the technician area says how the step ended, in words only.
    await expectStage(page, 'done');
    await expect.poll(() => page.getByTestId('assist-result').innerText()).toBe('Assisted reset: the password was changed. The person has been sent a notice.');
    expect(await technicianAreaContents(page)).not.toContain(newPassword);
    expect(await directoryVerifies(kiosk, 'chloe.martin', newPassword)).toBe(true);
    expect(await directoryVerifies(kiosk, 'chloe.martin', demoPasswordOf('chloe.martin'))).toBe(false);

    await page.getByRole('button', { name: 'Back to the technician console' }).click();
    await technicianConsole(page).waitFor();
    await expect.poll(() => mainStage(preview)).toBe('identify');
    expect(await page.getByTestId('technician-last-action').innerText()).toContain('Assisted reset: the password was changed.');
  });

  it('unlocks a locked demo account after the ID check', { timeout: 90_000 }, async () => {
    const { page, kiosk } = preview;
    // Still signed in from the assisted reset, at the console.
    await technicianConsole(page).waitFor();
    await page.getByRole('button', { name: 'Close this case' }).click();
    await page.getByTestId('technician-person').waitFor({ state: 'detached' });

    expect(await directoryIsLocked(kiosk, 'dev.patel')).toBe(true);
    await lookUpUsername(page, 'dev.patel');
    const person = page.locator('[data-testid="technician-person"][data-username="dev.patel"]');
    expect(await person.getByTestId('person-state').innerText()).toContain('Locked');
    const unlock = page.getByRole('button', { name: 'Unlock the account' });
    expect(await unlock.isDisabled()).toBe(true);
    await recordIdCheck(page);
    const inboxBefore = await demoMessageCount(page);
    await unlock.click();
    await expect.poll(() => page.getByTestId('technician-last-action').innerText()).toContain('The account is unlocked.');
    await expect.poll(() => person.getByTestId('person-state').innerText()).toContain('Not locked');
    expect(await directoryIsLocked(kiosk, 'dev.patel')).toBe(false);
    // The person hears of it at their registered address (the demo inbox shows what was sent).
    expect(await newestDemoMessageText(page, inboxBefore)).toMatch(/unlock/i);
    await audit('technician console, after an unlock');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await startScreen(page).waitFor();
    expect((await mainTechnicianView(preview)).signedIn).toBe(false);
  });

  it('axe found no serious or critical problem on the help ticket, sign-in, console and assisted screens', () => {
    expect(audits.map((entry) => entry.screen)).toEqual([
      'help ticket',
      'technician sign-in, empty',
      'technician sign-in, refused',
      'technician console, empty',
      'technician console, ticket and person',
      'technician console, ID checked',
      'assisted reset, person area and technician area',
      'technician console, after an unlock',
    ]);
    expect(audits.filter((entry) => entry.findings.length > 0)).toEqual([]);
  });
});
