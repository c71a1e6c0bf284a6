import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/flow/stages.js';
import type { Preview } from '../../tools/preview/host.js';
import {
  alertText,
  appSender,
  askForCode,
  backToStart,
  demoMessageCount,
  enterUsername,
  expectStage,
  proveByCode,
  readCodeFromDemoInbox,
  stageContainer,
  startBrowserPreview,
  submitCode,
  typeNewPassword,
  withKiosk,
} from '../support/browser-preview.js';
import { demoPasswordOf, directoryVerifies } from '../support/browser-directory.js';
import {
  addEmailMethod,
  addPhoneMethod,
  demoInbox,
  finishAppSetup,
  freshAppCode,
  methodsList,
  readAppSetupScreen,
  signInToRegister,
} from '../support/browser-registration.js';

/** The demo account that knows its password and has no methods yet (electron/core/demo/demo-accounts.ts). */
const username = 'grace.nowak';
const personalEmail = 'grace.nowak@homemail.example';
// A mobile range libphonenumber accepts (Ofcom's 07700 900xxx drama range is refused as no phone);
// demo mode sends nothing anywhere, every text lands in the demo inbox.
const mobile = '07400 123456';
const mobileE164 = '+447400123456';
/** The organisation's own mail domain, which a personal address must not be at. */
const blockedDomain = 'northfield.example';
const newPasswords = { email: 'Hb6Xw9Qe3Tn7Ks', sms: 'Mz4Rj8Vc2Yp6Lg', app: 'Wd3Nk7Bs5Fq9Jt' } as const;

async function mainView(preview: Preview): Promise<SessionView> {
  const result = await preview.kiosk.router.handle('session:get', appSender(preview), {});
  if (!result.ok) throw new Error(`session:get failed: ${result.error.code}`);
  return result.value as SessionView;
}

async function chooseNewPassword(preview: Preview, password: string): Promise<void> {
  const { page } = preview;
  await expectStage(page, 'new_password');
  await typeNewPassword(page, password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expectStage(page, 'done');
  expect(await stageContainer(page, 'done').getAttribute('data-outcome')).toBe('changed');
}

/** "Forgot your password?" with "Code from my authenticator app", up to the code the app shows. */
async function proveByApp(preview: Preview, code: string): Promise<void> {
  const { page } = preview;
  await enterUsername(page, username);
  await page.getByRole('button', { name: 'Code from my authenticator app' }).click();
  await expectStage(page, 'code_sent');
  const screen = stageContainer(page, 'code_sent');
  expect(await screen.getByRole('heading', { level: 1 }).innerText()).toBe('Type the code from your app');
  // Nothing is sent for an app code: no "on its way", no resend.
  expect(await screen.innerText()).not.toMatch(/on its way|Send a new code/);
  await screen.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

describe('a person sets up email, mobile and app at the kiosk, then resets their password with each', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({
      adjustConfig: (config) => ({
        ...withKiosk({ doneReturnSeconds: 60 })(config),
        registration: { ...config.registration, blockedEmailDomains: [blockedDomain] },
      }),
    });
  });
  afterAll(async () => {
    await preview?.close();
  });
  beforeEach(async () => {
    await backToStart(preview);
  });

  it('registers all three in one go, the QR code decodes to the otpauth URI, and old addresses hear of each addition', { timeout: 240_000 }, async () => {
    const { page } = preview;
    await signInToRegister(page, username, demoPasswordOf(username));
    const list = methodsList(page);
    expect(await list.innerText()).toContain(`Signed in as ${username}.`);
    expect(await list.innerText()).toContain('You need at least 1 method');

    // 1. A personal email address, proven by the code sent to it.
    const emailSaved = await addEmailMethod(preview, personalEmail);
    expect(emailSaved).toMatch(/^Saved: your personal email address .+ was added\./);
    expect(await list.innerText()).toMatch(/set up on (\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2})/);
    expect(await list.innerText()).not.toContain(personalEmail);

    // 2. A mobile number: the old address (the email) is told a number was added.
    const inboxBeforePhone = (await demoInbox(preview)).length;
    const phoneSaved = await addPhoneMethod(preview, mobile);
    expect(phoneSaved).toMatch(/^Saved: your mobile number .+ was added\./);
    const phoneNotices = (await demoInbox(preview)).slice(inboxBeforePhone).filter((message) => /was added/.test(message.text));
    expect(phoneNotices.map((message) => message.to)).toContain(personalEmail);

    // 3. The app: the QR code on screen, read by a camera, is exactly the otpauth URI; the key typed by hand makes the code.
    const inboxBeforeApp = (await demoInbox(preview)).length;
    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    const shown = await readAppSetupScreen(page);
    const view = await mainView(preview);
    if (view.stage !== 'app_setup') throw new Error(`main is at ${view.stage}`);
    expect(shown.qrText).toBe(view.otpauthUri);
    const uri = new URL(view.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(shown.secret);
    expect(await stageContainer(page, 'app_setup').innerText()).toContain(`${view.issuer} (${username})`);
    const setup = await freshAppCode(shown.secret, null);
    const appSaved = await finishAppSetup(page, setup.code);
    expect(appSaved.split(/\n+/)).toEqual([
      'Saved: your authenticator app was added.',
      'A notice of this change is on its way to the email addresses and mobile numbers on record.',
    ]);
    const appNotices = (await demoInbox(preview)).slice(inboxBeforeApp).filter((message) => /authenticator app/.test(message.text));
    expect(appNotices.map((message) => message.to).sort()).toEqual(expect.arrayContaining([personalEmail, mobileE164]));
    // The secret left the screen with the setup stage, and main's view no longer carries it.
    expect(JSON.stringify(await mainView(preview))).not.toContain(shown.secret);
    expect(await page.content()).not.toContain(shown.secret.slice(0, 8));

    const groups = page.locator('.method-group');
    expect(await groups.count()).toBe(3);

    // Then each method in turn resets the password.
    await backToStart(preview);
    await proveByCode(preview, username, { method: 'email' });
    await chooseNewPassword(preview, newPasswords.email);
    expect(await directoryVerifies(preview.kiosk, username, newPasswords.email)).toBe(true);

    await backToStart(preview);
    const texted = await proveByCode(preview, username, { method: 'sms' });
    expect(texted.message).toContain(mobileE164.slice(-3));
    await chooseNewPassword(preview, newPasswords.sms);
    expect(await directoryVerifies(preview.kiosk, username, newPasswords.sms)).toBe(true);

    // The step accepted at setup can never be accepted again: the app's next code is used.
    await backToStart(preview);
    const next = await freshAppCode(shown.secret, setup.step);
    expect(next.step).toBeGreaterThan(setup.step);
    await proveByApp(preview, next.code);
    await chooseNewPassword(preview, newPasswords.app);
    expect(await directoryVerifies(preview.kiosk, username, newPasswords.app)).toBe(true);
  });

  it('stops using a removed method: no text is sent to a removed number, and the removed app\'s codes are refused', { timeout: 240_000 }, async () => {
    const { page } = preview;
    const account = 'chloe.martin';
    const number = '07400 654321';
    await signInToRegister(page, account, demoPasswordOf(account));
    await addEmailMethod(preview, 'chloe.martin@homemail.example');
    await addPhoneMethod(preview, number);
    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    const { secret } = await readAppSetupScreen(page);
    const setup = await freshAppCode(secret, null);
    await finishAppSetup(page, setup.code);

    // Remove the number, then the app: each reviewed and confirmed.
    await page.getByRole('button', { name: /^Remove mobile number / }).click();
    await expectStage(page, 'method_review');
    expect(await page.getByTestId('method-change').innerText()).toMatch(/^Remove mobile number /);
    expect(await methodsListAfterConfirm()).toMatch(/^Saved: your mobile number .+ was removed\./);
    await page.getByRole('button', { name: 'Remove authenticator app' }).click();
    expect(await methodsListAfterConfirm()).toMatch(/^Saved: your authenticator app was removed\./);
    expect(await page.locator('[data-kind="phone"]').innerText()).toContain('None set up yet.');

    // A reset by text: the same words as for anyone, and no text reaches the removed number.
    await backToStart(preview);
    const before = (await demoInbox(preview)).length;
    await enterUsername(page, account);
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await expectStage(page, 'code_sent');
    expect(await stageContainer(page, 'code_sent').innerText()).toContain('If this account is registered for reset by text message, a code is on its way.');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const texts = (await demoInbox(preview)).slice(before).filter((message) => message.channel === 'sms');
    expect(texts).toEqual([]);

    // A reset with the removed app: its code is refused as any wrong code is.
    await backToStart(preview);
    const stale = await freshAppCode(secret, setup.step);
    await enterUsername(page, account);
    await page.getByRole('button', { name: 'Code from my authenticator app' }).click();
    await expectStage(page, 'code_sent');
    await stageContainer(page, 'code_sent').getByLabel('Code', { exact: true }).fill(stale.code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => alertText(page, 'code_sent')).toContain('That code is not right.');
    expect(await directoryVerifies(preview.kiosk, account, demoPasswordOf(account))).toBe(true);

    async function methodsListAfterConfirm(): Promise<string> {
      await expectStage(page, 'method_review');
      await page.getByRole('button', { name: 'Confirm' }).click();
      await methodsList(page).waitFor();
      return page.getByTestId('method-saved').innerText();
    }
  });

  it('refuses in words: two different addresses, the organisation\'s own domain, a method already there, a number that is no phone, the last method', async () => {
    const { page, kiosk } = preview;
    await signInToRegister(page, 'amira.khan', demoPasswordOf('amira.khan'));
    await page.getByRole('button', { name: 'Add a personal email address' }).click();
    await page.getByLabel('Personal email address').fill('amira@one.example');
    await page.getByLabel('Type it again').fill('amira@two.example');
    await page.getByRole('button', { name: 'Send a code' }).click();
    await expect.poll(() => alertText(page, 'methods')).toBe('The two email addresses are not the same. Please type the same address in both boxes.');
    expect((await mainView(preview)).stage).toBe('methods');

    await page.getByLabel('Personal email address').fill(`amira@${blockedDomain}`);
    await page.getByLabel('Type it again').fill(`amira@${blockedDomain}`);
    await page.getByRole('button', { name: 'Send a code' }).click();
    await expect.poll(() => alertText(page, 'methods')).toContain(`That is an address at ${kiosk.config.branding.organisationName}.`);
    expect((await mainView(preview)).stage).toBe('methods');
    await page.getByLabel('Personal email address').fill('amira.khan@homemail.example');
    await page.getByLabel('Type it again').fill('amira.khan@homemail.example');
    await page.getByRole('button', { name: 'Send a code' }).click();
    await expect.poll(() => alertText(page, 'methods')).toBe('That is already one of your methods.');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await methodsList(page).waitFor();

    // Ofcom's drama range is no phone anyone carries: refused in words, with no example number to copy.
    await page.getByRole('button', { name: 'Add a mobile number' }).click();
    await page.getByLabel('Mobile number').fill('07700 900123');
    await page.getByRole('button', { name: 'Send a code' }).click();
    await expect.poll(() => alertText(page, 'methods')).toBe(
      'That does not look like a mobile number we can text. Please check it: a UK mobile number starts with 07, and a number from another country starts with + and the country code.',
    );
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Her only verified method cannot go (registration.requiredMethods is 1).
    await page.getByRole('button', { name: /^Remove personal email address / }).click();
    await expect.poll(() => alertText(page, 'methods')).toContain('so this one cannot be removed now');
    expect((await mainView(preview)).stage).toBe('methods');
  });
});

describe('cooling-off: a method set up too recently cannot be used for a reset', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({
      adjustConfig: (config) => ({ ...config, registration: { ...config.registration, coolingOffDays: 3 } }),
    });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('says so after the right code, points to the Service Desk, and changes nothing', { timeout: 120_000 }, async () => {
    const { page, kiosk } = preview;
    await signInToRegister(page, username, demoPasswordOf(username));
    await addEmailMethod(preview, personalEmail);

    await backToStart(preview);
    await proveByCode(preview, username, { method: 'email' });
    // Back at the chooser, without email, and the words say why and where to go.
    await expectStage(page, 'choose_method');
    const words = await alertText(page, 'choose_method');
    expect(words).toContain('That method was set up too recently to be used for this');
    expect(words).toContain(`visit the ${kiosk.config.branding.serviceDesk.name}`);
    expect(await page.getByRole('button', { name: 'Email me a code' }).count()).toBe(0);
    expect(await directoryVerifies(kiosk, username, demoPasswordOf(username))).toBe(true);
  });
});

describe('two proofs: with reset.requiredProofs 2 a reset asks for codes from two different methods', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({
      adjustConfig: (config) => ({
        ...withKiosk({ doneReturnSeconds: 60 })(config),
        registration: { ...config.registration, requiredMethods: 2 },
        reset: { ...config.reset, requiredProofs: 2 },
      }),
    });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('says which proof is asked for, and leaves out the method already used', { timeout: 120_000 }, async () => {
    const { page, kiosk } = preview;
    await signInToRegister(page, username, demoPasswordOf(username));
    expect(await methodsList(page).innerText()).toContain('You need at least 2 methods: to reset your password, you prove it is you with codes from two different methods.');
    expect(await methodsList(page).innerText()).toContain('You have 0 methods set up. Add 2 so that you can reset your password at the kiosk.');
    await addEmailMethod(preview, personalEmail);
    await addPhoneMethod(preview, mobile);

    await backToStart(preview);
    await enterUsername(page, username);
    const chooser = stageContainer(page, 'choose_method');
    expect(await chooser.getByRole('heading', { level: 1 }).innerText()).toBe('Proof 1 of 2: how do you want to get your code?');
    let before = await demoMessageCount(page);
    await askForCode(page, 'email');
    await submitCode(page, await readCodeFromDemoInbox(page, before, kiosk.config.codes.length));

    await expectStage(page, 'choose_method');
    await expect.poll(() => chooser.getByRole('heading', { level: 1 }).innerText()).toBe('Proof 2 of 2: how do you want to get your code?');
    expect(await chooser.innerText()).toContain('That code was right. Now prove it is you a second time, with a different method.');
    expect(await page.getByRole('button', { name: 'Email me a code' }).count()).toBe(0);
    before = await demoMessageCount(page);
    await askForCode(page, 'sms');
    await submitCode(page, await readCodeFromDemoInbox(page, before, kiosk.config.codes.length));
    await chooseNewPassword(preview, newPasswords.email);
    expect(await directoryVerifies(kiosk, username, newPasswords.email)).toBe(true);
  });
});
