import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { demoTechnician } from '../../../electron/core/demo/demo-technician.js';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { runDemoReset } from '../../../tools/admin/demo-reset.js';
import { adminDeployment, runCommand } from '../../support/admin-deployment.js';
import { appCodeAt } from '../../support/authenticator-app.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { insertTestAccount } from '../../support/core-store.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
let close: (() => Promise<void> | undefined) | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  await close?.();
  close = undefined;
  dirs.removeAll();
});

const amira = demoAccounts[0]!;
const newPassword = 'Nt4kRw8pZm2xCv';

/** A demo kiosk with a fixed key (a key file, or PostgreSQL's keyEnv), its configuration written for the command. */
async function demoKiosk(backend: 'sqlite' | 'postgres') {
  const dataDir = dirs.make();
  t = await startTestKiosk({
    dataDir,
    backend,
    configure: (config) => (backend === 'sqlite' ? { ...config, secrets: { keyFile: path.join(dataDir, 'demo.key') } } : config),
  });
  const configFile = path.join(dataDir, 'demo.json');
  writeFileSync(configFile, JSON.stringify(t.kiosk.config));
  return { kiosk: t, configFile };
}

/** Amira resets her password at the kiosk: the demo database is no longer as seeded. */
async function useTheDemo(kiosk: TestKiosk) {
  valueOf(await kiosk.call('journey:begin', { purpose: 'reset', username: amira.username }));
  if (valueOf(await kiosk.call('session:get', {})).stage === 'choose_method') valueOf(await kiosk.call('code:choose', { method: 'email' }));
  const messages = await kiosk.waitForMessages(1);
  valueOf(await kiosk.call('code:verify', { code: codeIn(messages.at(-1)!.text) }));
  expect(valueOf(await kiosk.call('password:set', { password: newPassword, confirmation: newPassword }))).toMatchObject({ stage: 'done' });
  await kiosk.kiosk.settled();
  await kiosk.call('session:startOver', {});
}

const people = async (kiosk: TestKiosk) =>
  (await rowsOf<{ id: number; username: string; first_name: string; locked: number }>(kiosk.kiosk.store, 'accounts')).map((row) => [row.id, row.username, row.first_name, row.locked]);

describeEachBackend('npm run admin -- demo reset', (backend) => {
  it('puts the demo people back as seeded, in place, while the kiosk runs', async () => {
    const { kiosk, configFile } = await demoKiosk(backend);
    const seeded = await people(kiosk);
    const seededContacts = await rowsOf(kiosk.kiosk.store, 'contact_methods');
    await useTheDemo(kiosk);
    const directory = createStoreDirectory(kiosk.kiosk.store, createArgon2Hasher(kiosk.kiosk.config.hashing), kiosk.clock);
    const account = (await directory.findAccount(amira.username))!;
    expect(await directory.verifyPassword(account.id, newPassword)).toBe(true);
    expect((await rowsOf(kiosk.kiosk.store, 'audit_log')).length).toBeGreaterThan(2);

    const result = await runCommand(runDemoReset, ['--config', configFile], { env: kiosk.env, clock: kiosk.clock });
    expect(result).toEqual({ code: 0, printed: `{"reset":true,"accounts":${demoAccounts.length}}\n`, errors: '' });

    expect(await people(kiosk)).toEqual(seeded);
    expect(await rowsOf(kiosk.kiosk.store, 'contact_methods')).toEqual(seededContacts);
    for (const table of ['audit_log', 'audit_chain_heads', 'challenges', 'throttle_events', 'throttle_blocks', 'outbox', 'password_changes']) {
      expect(await rowsOf(kiosk.kiosk.store, table), table).toEqual([]);
    }
    const back = (await directory.findAccount(amira.username))!;
    expect(await directory.verifyPassword(back.id, amira.password)).toBe(true);
    expect(await directory.verifyPassword(back.id, newPassword)).toBe(false);

    // The running kiosk goes on with the seeded people: Amira can reset again, and the demo
    // technician signs in with the printed app secret (sealed with the kiosk's own key).
    valueOf(await kiosk.call('journey:begin', { purpose: 'reset', username: amira.username }));
    await kiosk.call('session:startOver', {});
    const signIn = await kiosk.call('technician:signIn', {
      username: demoTechnician.username,
      password: demoTechnician.password,
      code: appCodeAt(demoTechnician.totpSecret, kiosk.clock.now()),
    });
    expect(valueOf(signIn)).toMatchObject({ signedIn: true });
  });
});

it('refuses a real deployment, and a demo configuration whose database holds other people, changing nothing', async () => {
  const d = await adminDeployment(dirs.make(), 'sqlite');
  close = d.close;
  const io = { env: d.kiosk.env, clock: d.kiosk.clock };
  const before = await dumpStore(d.kiosk.kiosk.store);
  await expect(runCommand(runDemoReset, ['--config', d.configFile], io)).rejects.toThrow(/works only on a demo configuration \(demo: true\).*Nothing was changed/);
  await insertTestAccount(d.kiosk.kiosk.store, 'real.person');
  const withOther = await dumpStore(d.kiosk.kiosk.store);
  expect(withOther).not.toBe(before);
  const demoFile = path.join(path.dirname(d.configFile), 'as-demo.json');
  const config = { ...d.kiosk.kiosk.config, demo: true, sms: { provider: 'demo' } };
  writeFileSync(demoFile, JSON.stringify(config));
  await expect(runCommand(runDemoReset, ['--config', demoFile], io)).rejects.toThrow(/holds 1 account\(s\) that are not demo people; not resetting it/);
  expect(await dumpStore(d.kiosk.kiosk.store)).toBe(withOther);
});

it('with a key made afresh at each start (no key file) resets the database and says to restart the kiosk', async () => {
  const dataDir = dirs.make();
  const kiosk = (t = await startTestKiosk({ dataDir }));
  await useTheDemo(kiosk);
  const configFile = path.join(dataDir, 'demo.json');
  writeFileSync(configFile, JSON.stringify(kiosk.kiosk.config));
  const result = await runCommand(runDemoReset, ['--config', configFile], { env: kiosk.env, clock: kiosk.clock });
  expect(result.code).toBe(0);
  expect(result.errors).toContain('restart it for the demo technician');
  expect(await rowsOf(kiosk.kiosk.store, 'audit_log')).toEqual([]);
  expect((await rowsOf(kiosk.kiosk.store, 'accounts')).length).toBe(demoAccounts.length);
  // The database is consistent with the new key: a second reset checks nothing against the old one and succeeds.
  expect((await runCommand(runDemoReset, ['--config', configFile], { env: kiosk.env, clock: kiosk.clock })).code).toBe(0);
});
