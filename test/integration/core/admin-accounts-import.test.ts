import { createReadStream, statSync, writeFileSync, type ReadStream } from 'node:fs';
import path from 'node:path';
import argon2 from 'argon2';
import { afterEach, expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { runAccountsImport, type ImportIo } from '../../../tools/admin/accounts-import.js';
import { UsageError } from '../../../tools/admin/args.js';
import { adminDeployment, runCommand, textSink } from '../../support/admin-deployment.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let close: (() => Promise<void> | undefined) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
  dirs.removeAll();
});

const header = 'username,first_name,last_name,personal_email,mobile';

function csvFile(lines: string[]): string {
  const file = path.join(dirs.make(), 'people.csv');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

async function deployment(backend: 'sqlite' | 'postgres', configure?: (config: Record<string, unknown>) => Record<string, unknown>) {
  const d = await adminDeployment(dirs.make(), backend, configure);
  close = d.close;
  const importing = (args: string[], extra: Partial<ImportIo> = {}) => runCommand(runAccountsImport, args, { env: d.kiosk.env, clock: d.kiosk.clock, ...extra });
  return { ...d, importing };
}

const directoryOf = (t: TestKiosk) => createStoreDirectory(t.kiosk.store, createArgon2Hasher(t.kiosk.config.hashing), t.clock);

describeEachBackend('npm run admin -- accounts import', (backend) => {
  it('imports people (quoted fields with commas too) whom the kiosk then finds, and one of them resets by email', async () => {
    const d = await deployment(backend);
    const file = csvFile([
      `${header},password`,
      'Jo.Smith,Jo,"Smith, Jr",jo.smith@homemail.example,07400 123456,Starting4Pass',
      '"kay_lee","Kay ""KL""",Lee,,+44 7400 123457,"Comma,Pass9word"',
      'sam-o,Sam,"O\'Neil",sam@homemail.example,,  spaced Pass1  ',
    ]);
    const result = await d.importing([file, '--config', d.configFile]);
    expect(result).toMatchObject({ code: 0, printed: '{"imported":3}\n' });
    // Not a terminal: plain progress lines, no carriage returns; and never a password.
    expect(result.errors).toContain('Checking: 100% (3 rows)');
    expect(result.errors).toContain('Hashing passwords: 100% (3 passwords)');
    expect(result.errors).not.toMatch(/\r|Starting4Pass|Pass9word/);

    const t = await d.restart();
    const directory = directoryOf(t);
    const jo = (await directory.findAccount('jo.smith'))!;
    expect(jo).toMatchObject({ username: 'Jo.Smith', firstName: 'Jo', lastName: 'Smith, Jr', status: 'active', locked: false });
    expect(await directory.findAccount('KAY_LEE')).toMatchObject({ username: 'kay_lee', firstName: 'Kay "KL"', lastName: 'Lee' });
    const sam = (await directory.findAccount('sam-o'))!;
    expect(await directory.verifyPassword(jo.id, 'Starting4Pass')).toBe(true);
    // The password column is taken exactly as written, spaces included.
    expect(await directory.verifyPassword(sam.id, '  spaced Pass1  ')).toBe(true);
    const contacts = await rowsOf<{ account_id: number; kind: string; value: string; verified_at: string | null }>(t.kiosk.store, 'contact_methods');
    expect(contacts.filter((row) => row.account_id === jo.id).map((row) => [row.kind, row.value, row.verified_at !== null])).toEqual([
      ['email', 'jo.smith@homemail.example', true],
      ['phone', '+447400123456', true],
    ]);
    const audit = await rowsOf<{ event: string; actor: string; detail: string }>(t.kiosk.store, 'audit_log');
    const imported = audit.find((row) => row.event === 'accounts.imported')!;
    expect(imported.actor).toBe('admin');
    expect(JSON.parse(imported.detail)).toEqual({ accounts: 3, emails: 2, mobiles: 2, passwords: 'set' });

    // Jo resets through the router as at the kiosk, with a code sent to the imported address.
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'jo.smith' }));
    if (valueOf(await t.call('session:get', {})).stage === 'choose_method') valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    const message = d.mail.sent.findLast((sent) => sent.to === 'jo.smith@homemail.example')!;
    expect(valueOf(await t.call('code:verify', { code: codeIn(message.text) })).stage).toBe('new_password');
    expect(valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }))).toMatchObject({ stage: 'done', outcome: 'changed' });
    expect(await directory.verifyPassword(jo.id, 'Nt4kRw8pZm2xCv')).toBe(true);
  });

  it('lists every bad row by line and column (lines 3 and 7 here) and writes nothing', async () => {
    const d = await deployment(backend);
    const file = csvFile([
      `${header},password`,
      'ann.one,Ann,One,ann@homemail.example,,Starting4Pass',
      'bob.two,Bob,Two,bob-at-homemail.example,07400 123456,Starting4Pass',
      'cat.three,Cat,Three,cat@homemail.example,,Starting4Pass',
      'dan.four,Dan,Four,,07400 123458,Starting4Pass',
      'eve.five,Eve,Five,eve@homemail.example,,Starting4Pass',
      'ANN.ONE,Ann,Again,ann2@homemail.example,01632 960 000,Starting4Pass',
      'gus.seven,Gus,Seven,gus@homemail.example,,Starting4Pass',
    ]);
    const before = await dumpStore(d.kiosk.kiosk.store);
    const result = await d.importing([file, '--config', d.configFile]);
    expect(result.code).toBe(1);
    expect(result.printed).toBe('');
    expect(result.errors).toContain('Nothing was imported: 3 problem(s) in the file.');
    const problems = result.errors.split('\n').filter((line) => line.startsWith('line '));
    expect(problems).toEqual([
      'line 3, column personal_email: is not an email address like name@example.com',
      'line 7, column mobile: is not a phone number (numbers without a country code are read as GB numbers)',
      'line 7, column username: is the same username as on line 2 (usernames are matched ignoring case)',
    ]);
    expect(result.errors).not.toContain('Starting4Pass');
    expect(await dumpStore(d.kiosk.kiosk.store)).toBe(before);

    // A dry run of a good file says so and writes nothing either.
    const good = csvFile([`${header},password`, 'ann.one,Ann,One,ann@homemail.example,,Starting4Pass']);
    expect(await d.importing([good, '--config', d.configFile, '--dry-run'])).toMatchObject({ code: 0, printed: '{"dryRun":true,"valid":1}\n' });
    expect(await dumpStore(d.kiosk.kiosk.store)).toBe(before);
  });

  it('refuses names the kiosk already has, bad headers and bad quoting, in words', async () => {
    const d = await deployment(backend);
    const existing = csvFile([`${header},password`, 'new.person,New,Person,,,Starting4Pass', 'Amira.Khan,Amira,Khan,,,Starting4Pass']);
    expect((await d.importing([existing, '--config', d.configFile])).errors).toContain('line 3, column username: belongs to an account the kiosk already has');
    const noPassword = csvFile([header, 'new.person,New,Person,,']);
    expect((await d.importing([noPassword, '--config', d.configFile])).errors).toContain('needs exactly one of the columns password');
    const typo = csvFile(['username,first_name,last_name,personal_emial,mobile,password']);
    const typoErrors = (await d.importing([typo, '--config', d.configFile])).errors;
    expect(typoErrors).toContain('column 4 is named "personal_emial"');
    expect(typoErrors).toContain('line 1, column personal_email: the header has no such column');
    const quoting = csvFile([`${header},password`, 'a.b,A,B,,,Starting4Pass', 'c.d,"C,D,,,Starting4Pass']);
    const quotingResult = await d.importing([quoting, '--config', d.configFile]);
    expect(quotingResult.code).toBe(1);
    expect(quotingResult.errors).toContain('line 3: the row cannot be read as CSV: a quoted field is never closed');
    const hashes = csvFile([`${header},password_hash`, 'a.b,A,B,,,"$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"', 'c.d,C,D,a@b,,']);
    const hashErrors = (await d.importing([hashes, '--config', d.configFile])).errors;
    expect(hashErrors).toContain('line 2, column password_hash: is not an argon2id hash');
    expect(hashErrors).toContain('line 3, column password_hash: is empty');
    expect(hashErrors).not.toContain('$argon2i$');
    await expect(d.importing(['--config', d.configFile])).rejects.toThrow(UsageError);
    await expect(d.importing([path.join(dirs.make(), 'absent.csv'), '--config', d.configFile])).rejects.toThrow(/absent.csv does not exist/);
    expect(await rowsOf(d.kiosk.kiosk.store, 'accounts')).toHaveLength(7);
  });

  it('lists the first 50 problems of a very bad file and counts the rest', async () => {
    const d = await deployment(backend);
    const rows = Array.from({ length: 60 }, (_, index) => `person${index}@x,P,Q,,,Starting4Pass`);
    const result = await d.importing([csvFile([`${header},password`, ...rows]), '--config', d.configFile]);
    expect(result.code).toBe(1);
    expect(result.errors.split('\n').filter((line) => line.startsWith('line '))).toHaveLength(50);
    expect(result.errors).toContain('line 51, column username: looks like an email address');
    expect(result.errors).toContain('... and 10 more problem(s) not shown.');
  });

  it('streams a 20,000-row file (read in chunks, progress as it goes) into one transaction', async () => {
    const d = await deployment(backend);
    const hash = await argon2.hash('Starting4Pass', { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const rows = Array.from({ length: 20_000 }, (_, index) => `user${index},First${index},"Last, ${index}",user${index}@homemail.example,,"${hash}"`);
    const file = csvFile([`${header},password_hash`, ...rows]);
    let chunks = 0;
    const openFile = (name: string): ReadStream => {
      const stream = createReadStream(name, { encoding: 'utf8', highWaterMark: 64 * 1024 });
      stream.on('data', () => (chunks += 1));
      return stream;
    };
    const result = await d.importing([file, '--config', d.configFile], { openFile });
    expect(result).toMatchObject({ code: 0, printed: '{"imported":20000}\n' });
    // ~2.7 MB in 64 KiB chunks, checked as they came: the progress passed every tenth of the file.
    expect(chunks).toBeGreaterThan(20);
    const tenths = result.errors.split('\n').filter((line) => line.startsWith('Checking: '));
    expect(tenths.map((line) => line.split(' ')[1])).toEqual(['10%', '20%', '30%', '40%', '50%', '60%', '70%', '80%', '90%', '100%']);
    expect(await rowsOf(d.kiosk.kiosk.store, 'accounts')).toHaveLength(20_007);
    const t = await d.restart();
    const last = (await directoryOf(t).findAccount('user19999'))!;
    expect(last.lastName).toBe('Last, 19999');
    expect(await directoryOf(t).verifyPassword(last.id, 'Starting4Pass')).toBe(true);
  }, 120_000);

  it('refuses a kiosk whose people live in an LDAP or AD directory, and a demo configuration', async () => {
    const ldap = { kind: 'ldap', url: 'ldaps://ldap.example.ac.uk:636', bindDn: 'cn=kiosk,dc=example', bindPasswordEnv: 'SSPR_DIRECTORY_PASSWORD', baseDn: 'ou=people,dc=example' };
    const d = await deployment(backend, (config) => ({ ...config, directory: ldap }));
    const file = csvFile([`${header},password`, 'new.person,New,Person,,,Starting4Pass']);
    await expect(d.importing([file, '--config', d.configFile])).rejects.toThrow(/people live in the LDAP directory \(directory.kind: ldap\): add them there; nothing was imported/);
    await d.close();
    const demo = await deployment(backend, (config) => ({ ...config, demo: true }));
    await expect(demo.importing([file, '--config', demo.configFile])).rejects.toThrow(/works on a real deployment/);
  });
});

it('draws a progress bar in place on a terminal', async () => {
  const { createProgress } = await import('../../../tools/admin/progress.js');
  const sink = textSink(true);
  let now = 0;
  const progress = createProgress(sink.stream, 'Checking', 100, 'rows', () => now);
  for (const done of [0, 50, 100]) {
    now += 1000;
    progress.update(done, done);
  }
  progress.finish(100);
  expect(sink.text()).toContain('\rChecking [###############...............] 50% 50 rows');
  expect(sink.text().endsWith(`\rChecking [${'#'.repeat(30)}] 100% 100 rows\n`)).toBe(true);
});

it('imports into a deployment fresh from init, before the kiosk has started: the database and its key are made as a first start makes them', async () => {
  const { runInit } = await import('../../../tools/admin/init-command.js');
  const { runAuditVerify } = await import('../../../tools/admin/audit-commands.js');
  const dir = dirs.make();
  const configFile = path.join(dir, 'kiosk.yaml');
  expect((await runCommand(runInit, ['--defaults', '--out', configFile], { env: {} })).code).toBe(0);
  const people = path.join(dir, 'people.csv');
  writeFileSync(people, `${header},password\nann.one,Ann,One,ann@homemail.example,,Starting4Pass\n`);
  expect(await runCommand(runAccountsImport, [people, '--config', configFile], { env: {} })).toMatchObject({ code: 0, printed: '{"imported":1}\n' });
  expect(statSync(path.join(dir, 'data', 'kiosk.db.key')).mode & 0o777).toBe(0o600);
  // The next command finds the same key (a new one would be refused against the database).
  const verified = textSink();
  expect(await runAuditVerify(['--config', configFile], {}, verified.stream)).toBe(0);
  expect(JSON.parse(verified.text())).toMatchObject({ ok: true, records: 1 });
});
