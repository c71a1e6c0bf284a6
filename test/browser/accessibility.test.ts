import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import {
  alertText,
  askForCode,
  askForEmailCode,
  backToStart,
  chooseJourney,
  demoMessageCount,
  expectStage,
  enterUsername,
  readCodeFromDemoInbox,
  proveByCode,
  stageContainer,
  startBrowserPreview,
  startScreen,
  submitCode,
  submitSignIn,
  typeNewPassword,
  withKiosk,
  wrongCodeFor,
} from '../support/browser-preview.js';
import { seriousAccessibilityFindings } from '../support/browser-axe.js';
import { demoPasswordOf } from '../support/browser-directory.js';
import { confirmChange, methodsList, signInToRegister } from '../support/browser-registration.js';

describe('axe-core finds no serious or critical accessibility problems on any screen', () => {
  let preview: Preview;

  beforeAll(async () => {
    // A long done countdown, so the done screen is still there while axe looks at it.
    preview = await startBrowserPreview({ adjustConfig: withKiosk({ doneReturnSeconds: 60 }) });
  });
  afterAll(async () => {
    await preview?.close();
  });
  beforeEach(async () => {
    await backToStart(preview);
  });

  it('on every screen of the reset journey, errors included', async () => {
    const { page, kiosk } = preview;
    const audit = async (screen: string) => ({ screen, findings: await seriousAccessibilityFindings(page) });
    const audits = [];

    await startScreen(page).waitFor();
    audits.push(await audit('start menu'));

    await chooseJourney(page, 'reset');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => alertText(page, 'identify')).toBe('Please type your username.');
    audits.push(await audit('start, username missing'));

    await enterUsername(page, 'amira.khan');
    audits.push(await audit('choose method'));

    const before = await demoMessageCount(page);
    await askForEmailCode(page);
    const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
    audits.push(await audit('code sent, with a message in the demo inbox'));

    await submitCode(page, wrongCodeFor(code));
    await expect.poll(() => alertText(page, 'code_sent')).toContain('That code is not right.');
    audits.push(await audit('code sent, wrong code'));

    await submitCode(page, code);
    await expectStage(page, 'new_password');
    audits.push(await audit('new password, empty'));

    await typeNewPassword(page, 'short1A', 'different');
    audits.push(await audit('new password, checklist partly met'));

    await page.getByRole('button', { name: 'Show passwords' }).click();
    audits.push(await audit('new password, shown'));

    await typeNewPassword(page, 'Zr4Kx8Nv2Bq6Hm');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectStage(page, 'done');
    audits.push(await audit('done'));

    expect(audits.filter((entry) => entry.findings.length > 0)).toEqual([]);
    expect(audits).toHaveLength(9);
  });

  it('on every screen of "Account locked?" and "Change your password", refusals and texts in the demo inbox included', async () => {
    const { page, kiosk } = preview;
    const audit = async (screen: string) => ({ screen, findings: await seriousAccessibilityFindings(page) });
    const audits = [];

    await chooseJourney(page, 'change');
    audits.push(await audit('change, sign-in empty'));

    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => alertText(page, 'identify')).toBe('Please type your username and your current password.');
    audits.push(await audit('change, nothing typed'));

    await submitSignIn(page, 'amira.khan', 'Wq3nVb8zHt5kLx');
    await expect.poll(() => alertText(page, 'identify')).toContain('That username and password do not match.');
    audits.push(await audit('change, sign-in refused'));

    await page.getByRole('button', { name: 'Show password' }).click();
    audits.push(await audit('change, password shown'));

    await submitSignIn(page, 'dev.patel', demoPasswordOf('dev.patel'));
    await page.getByRole('button', { name: 'Unlock my account' }).waitFor();
    audits.push(await audit('change, account locked, with the way to unlock it'));

    await page.getByRole('button', { name: 'Unlock my account' }).click();
    await expectStage(page, 'choose_method');
    audits.push(await audit('unlock, choose method (email or text)'));

    await backToStart(preview);
    await chooseJourney(page, 'unlock');
    audits.push(await audit('unlock, username'));

    await enterUsername(page, 'farid.haddad', 'unlock');
    const before = await demoMessageCount(page);
    await askForCode(page, 'sms');
    const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
    audits.push(await audit('unlock, code sent by text, a text message in the demo inbox'));

    await submitCode(page, code);
    await expectStage(page, 'done');
    audits.push(await audit('unlock, done: unlocked'));

    await backToStart(preview);
    await proveByCode(preview, 'amira.khan', { purpose: 'unlock', method: 'email' });
    await expectStage(page, 'done');
    audits.push(await audit('unlock, done: was not locked'));

    await backToStart(preview);
    // Not amira.khan: the reset above gave her a new password.
    await submitSignIn(page, 'ben.okafor', demoPasswordOf('ben.okafor'));
    await expectStage(page, 'new_password');
    audits.push(await audit('change, new password'));

    await typeNewPassword(page, 'Jw5Dn9Fy3Ct7Ps');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectStage(page, 'done');
    audits.push(await audit('change, done'));

    expect(audits.filter((entry) => entry.findings.length > 0)).toEqual([]);
    expect(audits).toHaveLength(12);
  });

  it('on every screen of "Set up password reset and sign-in methods", and the app code screen', { timeout: 120_000 }, async () => {
    const { page, kiosk } = preview;
    const audit = async (screen: string) => ({ screen, findings: await seriousAccessibilityFindings(page) });
    const audits = [];

    await chooseJourney(page, 'register');
    audits.push(await audit('register, sign-in, with the desk for those who forgot'));

    // erin.walsh: registered with a mobile number only, and nobody else in this file changes her password.
    await signInToRegister(page, 'erin.walsh', demoPasswordOf('erin.walsh'));
    audits.push(await audit('register, methods'));

    await page.getByRole('button', { name: 'Add a personal email address' }).click();
    await page.getByLabel('Personal email address').fill('erin@one.example');
    await page.getByLabel('Type it again').fill('erin@two.example');
    await page.getByRole('button', { name: 'Send a code' }).click();
    await expect.poll(() => alertText(page, 'methods')).toContain('The two email addresses are not the same.');
    audits.push(await audit('register, add email, addresses differ'));

    await page.getByLabel('Type it again').fill('erin@one.example');
    const before = await demoMessageCount(page);
    await page.getByRole('button', { name: 'Send a code' }).click();
    await expectStage(page, 'method_code');
    const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
    await stageContainer(page, 'method_code').getByLabel('Code', { exact: true }).fill(wrongCodeFor(code));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => alertText(page, 'method_code')).toContain('That code is not right.');
    audits.push(await audit('register, code sent to the new address, wrong code'));

    await stageContainer(page, 'method_code').getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectStage(page, 'method_review');
    audits.push(await audit('register, review'));

    await confirmChange(page);
    audits.push(await audit('register, methods, saved'));

    await page.getByRole('button', { name: /^Change mobile number / }).click();
    await page.getByRole('button', { name: 'Send a code' }).click();
    await expect.poll(() => alertText(page, 'methods')).toBe('Please type your mobile number.');
    audits.push(await audit('register, change mobile, nothing typed'));
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    await expectStage(page, 'app_setup');
    audits.push(await audit('register, app setup'));

    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => alertText(page, 'app_setup')).toBe('Please type the code.');
    audits.push(await audit('register, app setup, no code'));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await methodsList(page).waitFor();

    await backToStart(preview);
    await enterUsername(page, 'erin.walsh');
    audits.push(await audit('reset, choose method, app offered'));
    await page.getByRole('button', { name: 'Code from my authenticator app' }).click();
    await expectStage(page, 'code_sent');
    audits.push(await audit('reset, code from the app'));

    expect(audits.filter((entry) => entry.findings.length > 0)).toEqual([]);
    expect(audits).toHaveLength(11);
  });

  it('sees a problem planted in the page, so a clean result means the audit really ran', async () => {
    const { page } = preview;
    await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: { createElement(tag: string): { id: string; type: string }; body: { append(node: unknown): void } };
      };
      const unlabelled = document.createElement('input');
      unlabelled.id = 'planted-unlabelled-input';
      unlabelled.type = 'text';
      document.body.append(unlabelled);
    });
    const findings = await seriousAccessibilityFindings(page);
    expect(findings.map((finding) => finding.id)).toContain('label');
    expect(findings.flatMap((finding) => finding.targets)).toContain('#planted-unlabelled-input');
  });

  // Last in this file: the fake clock stays installed on the page for the rest of its life.
  it('on the "Are you still there?" warning before the walk-away wipe', async () => {
    const { page } = preview;
    await page.clock.install();
    await page.goto(preview.url);
    await startScreen(page).waitFor();
    await chooseJourney(page, 'reset');
    await page.getByLabel('Username').fill('amira.khan');
    const warning = page.getByRole('dialog', { name: 'Are you still there?' });
    await page.clock.runFor((preview.kiosk.config.kiosk.idleSeconds - 10) * 1000);
    await warning.waitFor();
    const findings = await seriousAccessibilityFindings(page);
    await page.getByRole('button', { name: 'I need more time' }).click();
    await warning.waitFor({ state: 'hidden' });
    expect(findings).toEqual([]);
  });
});
