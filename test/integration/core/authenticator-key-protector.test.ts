import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secretBytesOf } from '../../../electron/core/authenticator/enrolment.js';
import { createTotp } from '../../../electron/core/authenticator/totp.js';
import { validateConfig } from '../../../electron/core/config/load-config.js';
import { createKiosk, type Kiosk } from '../../../electron/core/kiosk.js';
import { DeploymentKeyError } from '../../../electron/core/keys/deployment-key-error.js';
import type { KeyProtector } from '../../../electron/core/ports.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { testAppOrigin } from '../../support/core-kiosk.js';
import { insertTestAccount } from '../../support/core-store.js';
import { createFakeKeyring } from '../../support/fake-key-protector.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';
import { createTestGuessability } from '../../support/test-guessability.js';

const dirs = createTempDirs();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  dirs.removeAll();
});

/** A SQLite kiosk outside demo mode: its deployment key lives in `<db>.key`, made on first start. */
function kioskConfig(dir: string): KioskConfig {
  return validateConfig(
    {
      kiosk: { id: 'library-1', location: 'Main library, level 2' },
      branding: { organisationName: 'Example College', serviceDesk: { name: 'Help Desk', email: 'help@college.example' } },
      store: { path: 'kiosk.db' },
      mail: { from: 'IT <it@college.example>', smtp: { host: '127.0.0.1', port: 2525, requireTLS: false } },
    },
    path.join(dir, 'kiosk.yaml'),
    dir,
  );
}

async function start(config: KioskConfig, keyProtector?: KeyProtector, log?: (line: string) => void): Promise<Kiosk> {
  const kiosk = await createKiosk({
    config,
    appOrigin: testAppOrigin,
    clock: createTestClock(),
    guessability: createTestGuessability(),
    email: createRecordingEmailSender().sender,
    timers: false,
    ...(keyProtector === undefined ? {} : { keyProtector }),
    ...(log === undefined ? {} : { log }),
  });
  cleanups.push(() => kiosk.close());
  return kiosk;
}

const keyFileOf = (config: KioskConfig) => (config.store.kind === 'sqlite' ? `${config.store.path}.key` : '');

describe('the kiosk\'s key protector', () => {
  it('seals the key file the kiosk creates, opens it on the next start, and keeps an app secret readable across restarts', async () => {
    const config = kioskConfig(dirs.make());
    const keyring = createFakeKeyring({ backend: 'gnome_libsecret' });
    const first = await start(config, keyring);
    expect(first.authenticators.refusal).toBeNull();
    expect(readFileSync(keyFileOf(config), 'utf8')).toMatch(/^sspr-kiosk sealed deployment key v1 backend=gnome_libsecret check=/);

    const accountId = await insertTestAccount(first.store, 'amira.khan');
    const enrolment = first.authenticators.enrol('amira.khan');
    await first.store.run((tx) => first.authenticators.save(tx, accountId, enrolment.secret, 0));
    await first.close();

    // Same keyring, same key: the database's key check passes and the saved secret still decrypts.
    const second = await start(config, keyring);
    expect(keyring.opened).toBe(1);
    const totp = createTotp({ clock: createTestClock() });
    const code = totp.codeAt(secretBytesOf(enrolment.secret)!, totp.stepNow());
    expect(await second.store.run((tx) => second.authenticators.verify(tx, accountId, code))).toMatchObject({ accepted: true });
  });

  it('refuses to start, in words, when the sealed key file cannot be opened here', async () => {
    const config = kioskConfig(dirs.make());
    await (await start(config, createFakeKeyring())).close();
    await expect(start(config, createFakeKeyring())).rejects.toThrow(DeploymentKeyError);
    await expect(start(config)).rejects.toThrow(/is sealed by the operating system's keyring \(fake_keyring\) of the kiosk app that made it/);
  });

  it('carries a keyring\'s refusal (e.g. Linux basic_text) to Authenticators.refusal, logs it, and enrols nobody', async () => {
    const config = kioskConfig(dirs.make());
    const lines: string[] = [];
    const refusal = 'this computer has no keyring (GNOME Keyring or KWallet) for Electron safeStorage';
    const kiosk = await start(config, createFakeKeyring({ backend: 'basic_text', refusal }), (line) => lines.push(line));
    expect(kiosk.authenticators.refusal).toBe(refusal);
    expect(lines).toContain(`authenticator apps are not offered: ${refusal}`);
    expect(() => kiosk.authenticators.enrol('amira.khan')).toThrow(`authenticator apps are not offered on this kiosk: ${refusal}`);
    const accountId = await insertTestAccount(kiosk.store, 'amira.khan');
    await expect(kiosk.store.run((tx) => kiosk.authenticators.save(tx, accountId, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 1))).rejects.toThrow(/not offered/);
    // The key file is written plain (a "sealed" one would only pretend); its 0600 mode protects it.
    expect(readFileSync(keyFileOf(config), 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
  });

  it('uses the file protector under plain Node: a plain 0600 key file and no refusal', async () => {
    const config = kioskConfig(dirs.make());
    const kiosk = await start(config);
    expect(kiosk.authenticators.refusal).toBeNull();
    expect(readFileSync(keyFileOf(config), 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
  });
});
