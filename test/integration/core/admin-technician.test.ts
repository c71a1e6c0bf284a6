import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import argon2 from 'argon2';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { validateConfig } from '../../../electron/core/config/load-config.js';
import { UsageError } from '../../../tools/admin/args.js';
import { runPinHash, runTechnicianAdd, runTechnicianDisable, runTechnicianList, type CommandIo } from '../../../tools/admin/technician-commands.js';
import { appCodeAt } from '../../support/authenticator-app.js';
import { describeEachBackend } from '../../support/backends.js';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { readTables } from '../../support/database-dump.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

const password = 'Quietly7Mended4K';

/** Runs a command function in-process, as tools/admin.ts would; stdin is `stdin`, stdout is returned. */
async function run(command: (args: readonly string[], io: CommandIo) => Promise<number>, args: string[], kiosk: TestKiosk, stdin = '') {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const code = await command(args, { env: kiosk.env, input: Readable.from([stdin]), output, clock: kiosk.clock });
  return { code, printed };
}

/** A real (non-demo) kiosk with the demo people, and its configuration written where the admin commands read it. */
async function deployment(backend: 'sqlite' | 'postgres') {
  const dataDir = dirs.make();
  const mail = createRecordingEmailSender();
  const restart = async () => {
    await t?.kiosk.close();
    t = await startTestKiosk({ dataDir, backend, persistent: true, email: mail.sender, ...(t === undefined ? {} : { clock: t.clock }) });
    return t;
  };
  const kiosk = await restart();
  const configFile = path.join(dataDir, 'kiosk.json');
  const config = { ...kiosk.kiosk.config, sms: { provider: 'none' }, mail: { from: kiosk.kiosk.config.mail.from, smtp: { host: 'smtp.invalid' } } };
  writeFileSync(configFile, JSON.stringify(config));
  const tables = () => readTables(kiosk.kiosk.config.store, kiosk.env, ['technicians', 'audit_log']);
  return { kiosk, configFile, restart, tables };
}

const signIn = (kiosk: TestKiosk, username: string, secret: string) =>
  kiosk.call('technician:signIn', { username, password, code: appCodeAt(secret, kiosk.clock.now()) });

describeEachBackend('npm run admin -- technician', (backend) => {
  it('adds a technician whose printed app secret signs them in, lists them, and disables them', async () => {
    const { kiosk, configFile, restart } = await deployment(backend);
    const added = await run(runTechnicianAdd, ['--config', configFile, '--username', 'Desk.One', '--name', 'Dana One'], kiosk, `${password}\nignored second line\n`);
    expect(added.code).toBe(0);
    const uri = /otpauth:\/\/totp\/\S+/.exec(added.printed)?.[0];
    expect(uri).toBeDefined();
    const secret = new URL(uri!).searchParams.get('secret')!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The terminal QR code (half blocks) and the secret in groups of four, to type by hand.
    expect(added.printed).toMatch(/[█▀▄]{20}/);
    expect(added.printed).toContain(secret.match(/.{4}/g)!.join(' '));
    expect(added.printed).not.toContain(password);

    const listed = await run(runTechnicianList, ['--config', configFile], kiosk);
    expect(listed.code).toBe(0);
    const rows = listed.printed.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows).toEqual([{ username: 'Desk.One', displayName: 'Dana One', role: 'technician', status: 'active', createdAt: kiosk.clock.now().toISOString(), disabledAt: null }]);
    expect(listed.printed).not.toMatch(/argon2|ciphertext|nonce|secret/i);

    let running = await restart();
    expect(valueOf(await signIn(running, 'desk.one', secret))).toMatchObject({ signedIn: true, technician: { username: 'Desk.One', displayName: 'Dana One' } });
    valueOf(await running.call('technician:signOut', {}));

    running.clock.advance({ minutes: 1 });
    expect((await run(runTechnicianDisable, ['--config', configFile, '--username', 'DESK.ONE'], running)).printed).toBe('{"username":"DESK.ONE","disabled":true}\n');
    expect((await run(runTechnicianDisable, ['--config', configFile, '--username', 'desk.one'], running)).printed).toContain('"already":true');
    const after = (await run(runTechnicianList, ['--config', configFile], running)).printed;
    expect(JSON.parse(after)).toMatchObject({ status: 'disabled', disabledAt: running.clock.now().toISOString() });
    running = await restart();
    expect(await signIn(running, 'desk.one', secret)).toEqual({ ok: false, error: { code: 'TECHNICIAN_SIGN_IN_FAILED' } });

    const audit = await running.kiosk.store.db.selectFrom('audit_log').selectAll().where('event', 'like', 'technician.%').orderBy('seq').execute();
    expect(audit.map((row) => [row.event, row.outcome, row.actor])).toEqual([
      ['technician.added', 'ok', 'admin'],
      ['technician.sign_in', 'ok', 'technician:Desk.One'],
      ['technician.signed_out', 'ok', 'technician:Desk.One'],
      ['technician.disabled', 'ok', 'admin'],
      ['technician.sign_in', 'refused', null],
    ]);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ technician: 'Desk.One' });
  });

  it('refuses a duplicate name or a weak password in words, changing nothing', async () => {
    const { kiosk, configFile, tables } = await deployment(backend);
    expect((await run(runTechnicianAdd, ['--config', configFile, '--username', 'desk.one', '--name', 'Dana One'], kiosk, password)).code).toBe(0);
    const before = await tables();
    const again = run(runTechnicianAdd, ['--config', configFile, '--username', 'DESK.ONE', '--name', 'Someone Else'], kiosk, password);
    await expect(again).rejects.toThrow(/a technician named "DESK.ONE" already exists.*nothing was changed/);
    const weak = run(runTechnicianAdd, ['--config', configFile, '--username', 'desk.two', '--name', 'Dee Two'], kiosk, 'short1A');
    await expect(weak).rejects.toThrow(/does not meet the kiosk's password policy: it is too short/);
    const named = run(runTechnicianAdd, ['--config', configFile, '--username', 'desk.two', '--name', 'Dee Two'], kiosk, 'Desk.two-Kettle9');
    await expect(named).rejects.toThrow(/contains the username/);
    await expect(run(runTechnicianAdd, ['--config', configFile, '--username', 'desk.two', '--name', 'Dee Two'], kiosk, '')).rejects.toThrow(/no password/);
    await expect(run(runTechnicianDisable, ['--config', configFile, '--username', 'desk.nobody'], kiosk)).rejects.toThrow(/no technician is named "desk.nobody"/);
    expect(await tables()).toEqual(before);
  });

  it('says what is missing as a usage error, before reading stdin or opening anything', async () => {
    const { kiosk, configFile } = await deployment(backend);
    await expect(run(runTechnicianAdd, ['--config', configFile, '--name', 'Dana One'], kiosk, password)).rejects.toThrow(UsageError);
    await expect(run(runTechnicianAdd, ['--config', configFile, '--username', 'desk.one'], kiosk, password)).rejects.toThrow(/--name "DISPLAY NAME" is required/);
    await expect(run(runTechnicianAdd, ['--username', 'desk.one', '--name', 'D'], kiosk, password)).rejects.toThrow(/--config FILE is required/);
    await expect(run(runTechnicianDisable, ['--config', configFile], kiosk)).rejects.toThrow(/--username NAME is required/);
    // A password given as an argument is refused without being echoed.
    await expect(run(runTechnicianAdd, ['--config', configFile, '--username', 'desk.one', '--name', 'D', password], kiosk)).rejects.toThrow(/^(?!.*Quietly)/);
  });
});

describe('npm run admin -- pin hash', () => {
  it('prints an argon2id hash the configuration accepts and that verifies the PIN', async () => {
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    expect(await runPinHash([], { input: Readable.from(['24681357\n']), output })).toBe(0);
    const hash = printed.trim();
    expect(await argon2.verify(hash, '24681357')).toBe(true);
    expect(await argon2.verify(hash, '24681358')).toBe(false);
    const dir = dirs.make();
    const demo = createDemoConfig(dir);
    const config = validateConfig(JSON.parse(JSON.stringify({ ...demo, kiosk: { ...demo.kiosk, adminPinHash: hash } })), 'test', dir);
    expect(config.kiosk.adminPinHash).toBe(hash);
    for (const pin of ['12345', '1234567890123', 'abcdef', '']) {
      await expect(runPinHash([], { input: Readable.from([`${pin}\n`]), output })).rejects.toThrow(/6 to 12 digits/);
    }
  });

  it('uses the exit codes of the other admin commands: 2 for usage, 1 for a problem', () => {
    const admin = (args: string[], input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'tools', 'admin.ts'), ...args], { cwd: root, input, encoding: 'utf8' });
    const usage = admin(['technician', 'add', '--config', 'kiosk.json', '--name', 'Dana One'], '');
    expect(usage).toMatchObject({ status: 2, stderr: expect.stringContaining('--username NAME is required') });
    expect(admin(['pin', 'hash'], '12\n')).toMatchObject({ status: 1, stdout: '', stderr: expect.stringContaining('6 to 12 digits') });
  });
});
