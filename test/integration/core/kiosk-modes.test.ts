import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../electron/core/config/load-config.js';
import { seedDemoDatabase } from '../../../electron/core/demo/seed-demo.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { createKiosk, type Kiosk } from '../../../electron/core/kiosk.js';
import { DeploymentKeyError } from '../../../electron/core/keys/deployment-key-error.js';
import { encodeKey } from '../../../electron/core/keys/deployment-key.js';
import { openSqliteStore } from '../../../electron/core/store/open-sqlite-store.js';
import type { Store } from '../../../electron/core/store/store.js';
import { presets } from '../../../shared/policy/policy-config.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { appFrame, codeIn, startTestKiosk, testAppOrigin, valueOf } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { insertTestAccount } from '../../support/core-store.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { startSmtpCapture } from '../../support/smtp-capture.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';
import { createTestGuessability } from '../../support/test-guessability.js';
import { waitUntil } from '../../support/wait-until.js';

const dirs = createTempDirs();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  dirs.removeAll();
});

function productionConfig(dir: string, smtpPort: number, extra: Record<string, unknown> = {}): KioskConfig {
  return validateConfig(
    {
      kiosk: { id: 'library-1', location: 'Main library, level 2' },
      branding: {
        organisationName: 'Example College',
        serviceDesk: { name: 'Help Desk', email: 'help@college.example' },
      },
      store: { path: 'kiosk.db' },
      mail: { from: 'IT <it@college.example>', smtp: { host: '127.0.0.1', port: smtpPort, requireTLS: false } },
      ...extra,
    },
    path.join(dir, 'kiosk.yaml'),
    dir,
  );
}

async function start(
  config: KioskConfig,
  options: { email?: ReturnType<typeof createRecordingEmailSender>['sender']; env?: Record<string, string | undefined> } = {},
): Promise<Kiosk> {
  const kiosk = await createKiosk({ config, appOrigin: testAppOrigin, clock: createTestClock(), guessability: createTestGuessability(), ...options });
  cleanups.push(() => kiosk.close());
  return kiosk;
}

function sqlitePathOf(config: KioskConfig): string {
  if (config.store.kind !== 'sqlite') throw new Error('Expected a SQLite store');
  return config.store.path;
}

/** Opens the kiosk's file on its own (as an admin command would), runs `work`, and closes it again. */
async function withStoreOf<T>(config: KioskConfig, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openSqliteStore(sqlitePathOf(config));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('the kiosk outside demo mode', () => {
  it('sends codes and notifications over real SMTP and keeps no demo inbox', async () => {
    const smtp = await startSmtpCapture();
    cleanups.push(() => smtp.close());
    const dir = dirs.make();
    const config = productionConfig(dir, smtp.port);
    await withStoreOf(config, (store) => seedDemoDatabase(store, createArgon2Hasher(), createTestClock()));

    const kiosk = await start(config);
    const call = (channel: string, payload: unknown) => kiosk.router.handle(channel, appFrame, payload);
    expect(await call('demo:inbox', {})).toEqual({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    expect(kiosk.demoOutbox).toBeNull();

    valueOf(await call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await call('code:choose', { method: 'email' }));
    await waitUntil(() => smtp.mails.length === 1, 'the code email reached the SMTP server');
    const [codeMail] = smtp.mails;
    expect(codeMail!.to).toEqual(['amira.khan@homemail.example']);
    expect(codeMail!.parsed.from?.text).toContain('it@college.example');
    valueOf(await call('code:verify', { code: codeIn(codeMail!.parsed.text ?? '') }));
    valueOf(await call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }));
    await waitUntil(() => smtp.mails.length === 2, 'the notification reached the SMTP server');
    expect(smtp.mails[1]!.parsed.text).toContain('Main library, level 2');
    await waitUntil(async () => (await rowsOf<{ sent_at: string | null }>(kiosk.store, 'outbox')).every((row) => row.sent_at !== null), 'the outbox marks it sent');
  });

  it('keeps its database across restarts, while demo mode starts afresh each time', async () => {
    const dir = dirs.make();
    const config = productionConfig(dir, 2525);
    const mail = createRecordingEmailSender();
    const first = await start(config, { email: mail.sender });
    valueOf(await first.router.handle('journey:begin', appFrame, { purpose: 'reset', username: 'someone' }));
    await first.close();
    const second = await start(config, { email: mail.sender });
    expect(await rowsOf(second.store, 'audit_log')).toHaveLength(1);
    // Without secrets configured, a SQLite kiosk keeps its deployment key in a private file beside its database.
    expect(statSync(`${sqlitePathOf(config)}.key`).mode & 0o777).toBe(0o600);
    expect(second.pseudonym('someone')).toBe(first.pseudonym('someone'));

    const demoDir = dirs.make();
    const demo = await startTestKiosk({ dataDir: demoDir });
    cleanups.push(() => demo.kiosk.close());
    valueOf(await demo.call('journey:begin', { purpose: 'reset', username: 'someone' }));
    await demo.kiosk.close();
    const again = await startTestKiosk({ dataDir: demoDir });
    cleanups.push(() => again.kiosk.close());
    expect(await rowsOf(again.kiosk.store, 'audit_log')).toEqual([]);
    expect(await rowsOf(again.kiosk.store, 'accounts')).toHaveLength(demoAccounts.length);
  });

  it('refuses to start on a database set up with another deployment key, and changes nothing in it', async () => {
    const dir = dirs.make();
    const config = productionConfig(dir, 2525, { secrets: { keyEnv: 'KIOSK_KEY' } });
    const mail = createRecordingEmailSender();
    const first = await start(config, { email: mail.sender, env: { KIOSK_KEY: encodeKey(Buffer.alloc(32, 1)) } });
    valueOf(await first.router.handle('journey:begin', appFrame, { purpose: 'reset', username: 'someone' }));
    await first.close();

    await expect(start(config, { email: mail.sender, env: { KIOSK_KEY: encodeKey(Buffer.alloc(32, 2)) } })).rejects.toThrow(DeploymentKeyError);
    await expect(start(config, { email: mail.sender, env: {} })).rejects.toThrow(/KIOSK_KEY is not set/);
    expect(await withStoreOf(config, (store) => rowsOf(store, 'audit_log'))).toHaveLength(1);
    const again = await start(config, { email: mail.sender, env: { KIOSK_KEY: encodeKey(Buffer.alloc(32, 1)) } });
    expect(await rowsOf(again.store, 'key_checks')).toHaveLength(4);
  });
});

describe('the demo database file', () => {
  it('is created in a folder that does not exist yet', async () => {
    const dir = path.join(dirs.make(), 'not', 'yet');
    const t = await startTestKiosk({ dataDir: dir });
    cleanups.push(() => t.kiosk.close());
    expect(await rowsOf(t.kiosk.store, 'accounts')).toHaveLength(demoAccounts.length);
  });

  it('is never wiped when it holds accounts that are not demo people', async () => {
    const dir = dirs.make();
    const config = productionConfig(dir, 2525);
    await withStoreOf(config, (store) => insertTestAccount(store, 'real.person'));
    await expect(
      createKiosk({ config: { ...config, demo: true }, appOrigin: testAppOrigin, guessability: createTestGuessability() }),
    ).rejects.toThrow(/not demo accounts\. Point store\.path at another file/);
    const after = await withStoreOf(config, (store) => rowsOf<{ username: string }>(store, 'accounts'));
    expect(after.map((row) => row.username)).toEqual(['real.person']);
  });
});

describe('kiosk:info', () => {
  it('gives branding, the logo as a data URL, the effective policy, the kiosk id and the idle time', async () => {
    const dir = dirs.make();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    writeFileSync(path.join(dir, 'logo.svg'), svg);
    const config = productionConfig(dir, 2525, {
      branding: {
        organisationName: 'Example College',
        departmentName: 'Digital Services',
        usernameExample: 'jsmith42',
        logoPath: 'logo.svg',
        serviceDesk: { name: 'Help Desk', location: 'Hall B', phone: '0100', email: 'help@college.example', hours: '9-5' },
      },
      policy: { preset: 'campus', overrides: { minLength: 14 } },
      kiosk: { id: 'library-1', idleSeconds: 90 },
    });
    const kiosk = await start(config, { email: createRecordingEmailSender().sender });
    expect(valueOf(await kiosk.router.handle('kiosk:info', appFrame, {}))).toEqual({
      organisationName: 'Example College',
      departmentName: 'Digital Services',
      usernameExample: 'jsmith42',
      colours: { primary: '#1d3f73', accent: '#0b7a4b', background: '#f6f7f9', text: '#111827' },
      logoDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      serviceDesk: { name: 'Help Desk', location: 'Hall B', phone: '0100', email: 'help@college.example', hours: '9-5' },
      demo: false,
      kioskId: 'library-1',
      policy: { ...presets.campus, minLength: 14 },
      idleSeconds: 90,
      // No text provider here; authenticator apps are offered (plain Node: the key file protects their key).
      proofMethods: ['email', 'app'],
      registration: { available: true, requiredMethods: 1, requiredProofs: 1 },
      // Technician mode's defaults; no admin PIN is configured, so only a technician can quit.
      technician: { idleSeconds: 180, ticketMinutes: 240, quitByPin: false },
      // Every language the kiosk has, starting in English.
      languages: { offered: ['en', 'fr', 'es', 'ar'], default: 'en' },
      // A physical keyboard unless the config asks for one on the screen.
      onScreenKeyboard: 'off',
    });
  });

  it('passes the on-screen keyboard setting on to the page', async () => {
    const config = productionConfig(dirs.make(), 2525, { kiosk: { id: 'lobby-1', onScreenKeyboard: 'on' } });
    const kiosk = await start(config, { email: createRecordingEmailSender().sender });
    expect(valueOf(await kiosk.router.handle('kiosk:info', appFrame, {}))).toMatchObject({ kioskId: 'lobby-1', onScreenKeyboard: 'on' });
  });

  it('says demo and shows no logo for the demo organisation', async () => {
    const t = await startTestKiosk({ dataDir: dirs.make() });
    cleanups.push(() => t.kiosk.close());
    expect(valueOf(await t.call('kiosk:info', {}))).toMatchObject({
      organisationName: 'Northfield University',
      demo: true,
      logoDataUrl: null,
      kioskId: 'demo-kiosk-1',
      policy: presets.campus,
      idleSeconds: 120,
    });
  });
});
