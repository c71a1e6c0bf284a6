import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadConfig } from '../../../electron/core/config/load-config.js';
import { runInit } from '../../../tools/admin/init-command.js';
import { runCommand } from '../../support/admin-deployment.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

const init = (args: string[], stdin = '') => runCommand(runInit, args, { env: {} }, stdin);

/** Every comment in the file, as the YAML parser sees them: what a person editing it will read. */
function commentsOf(text: string): string[] {
  const comments: string[] = [];
  const doc = parseDocument(text);
  if (doc.commentBefore) comments.push(doc.commentBefore);
  const visit = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    const item = node as { commentBefore?: string; comment?: string; items?: unknown[]; key?: unknown; value?: unknown };
    if (item.commentBefore) comments.push(item.commentBefore);
    if (item.comment) comments.push(item.comment);
    for (const child of item.items ?? []) visit(child);
    visit(item.key);
    visit(item.value);
  };
  visit(doc.contents);
  return comments;
}

describe('npm run admin -- init', () => {
  it('asks its questions with defaults in brackets, asks a bad answer again with the reason, and writes a commented config the kiosk loads', async () => {
    const out = path.join(dirs.make(), 'kiosk.yaml');
    const answers = [
      'Northfield University',
      'j smith',
      'jsmith42',
      '',
      '01632 960 321',
      'not-an-email',
      'servicedesk@northfield.example',
      'Library, room G.14',
      '',
      'smtp.northfield.example',
      '99999',
      '465',
      'demo',
      'none',
      'IE',
      'ldap',
      'ldap://ldap.northfield.example:389',
      '',
      'cn=kiosk,ou=services,dc=northfield,dc=example',
      'strict',
      'standards',
      'en, de',
      'ar, en',
    ];
    const result = await init(['--out', out], `${answers.join('\n')}\n`);
    expect(result.code).toBe(0);
    expect(result.printed).toContain('Organisation name [Example University]: ');
    expect(result.printed).toContain('Service Desk name [IT Service Desk]: ');
    expect(result.printed).toContain('SMTP port (587: STARTTLS, 465: implicit TLS) [587]: ');
    expect(result.printed).toContain('Directory base DN (where people are searched) [ou=people,dc=example,dc=ac,dc=uk]: ');
    expect(result.printed).toContain('Not used: expected an email address like servicedesk@example.ac.uk, or nothing. Please answer again.');
    expect(result.printed).toContain('Not used: expected a port number from 1 to 65535. Please answer again.');
    // The kiosk's own loader gives the reason for this one.
    expect(result.printed).toContain('Not used: demo is only for demo mode (demo: true): it shows codes on the kiosk screen. Please answer again.');
    expect(result.printed).toContain('Not used: type one of campus, standards. Please answer again.');
    expect(result.printed).toContain('Not used: de: not a language the kiosk speaks');
    // The schema's reason for the example username, and the answer that passed.
    expect(result.printed).toContain('Not used: a username like jsmith42: no spaces and no "@". Please answer again.');
    expect(result.printed).toContain(`Wrote ${out}.`);
    expect(result.printed).toContain('set SSPR_DIRECTORY_PASSWORD');

    const config = loadConfig(out);
    expect(config.demo).toBe(false);
    expect(config.branding).toMatchObject({
      organisationName: 'Northfield University',
      usernameExample: 'jsmith42',
      serviceDesk: { name: 'IT Service Desk', phone: '01632 960 321', email: 'servicedesk@northfield.example', location: 'Library, room G.14' },
    });
    expect(config.mail).toMatchObject({ from: 'IT Services <it-services@example.ac.uk>', smtp: { host: 'smtp.northfield.example', port: 465, secure: true, requireTLS: true } });
    expect(config.sms).toEqual({ provider: 'none', defaultRegion: 'IE' });
    expect(config.directory).toMatchObject({
      kind: 'ldap',
      url: 'ldap://ldap.northfield.example:389',
      startTls: true,
      baseDn: 'ou=people,dc=example,dc=ac,dc=uk',
      bindDn: 'cn=kiosk,ou=services,dc=northfield,dc=example',
      bindPasswordEnv: 'SSPR_DIRECTORY_PASSWORD',
    });
    expect(config.policy.preset).toBe('standards');
    expect(config.languages).toEqual({ offered: ['ar', 'en'], default: 'ar' });
    expect(config.store).toEqual({ kind: 'sqlite', path: path.join(path.dirname(out), 'data', 'kiosk.db') });

    const text = readFileSync(out, 'utf8');
    const comments = commentsOf(text).join('\n');
    expect(text.startsWith('# sspr-kiosk configuration, written by')).toBe(true);
    expect(comments).toContain("People's accounts: sqlite keeps them in the kiosk's own store");
    expect(comments).toContain('Secrets never live here');
    expect(comments).toContain("The environment variable holding the service account's password");
    expect(text).not.toMatch(/password:|token:/i);
  });

  it('with "none" for SMTP writes the offline demo, skipping the directory questions', async () => {
    const out = path.join(dirs.make(), 'demo.yaml');
    const result = await init(['--out', out], `${['', '', '', '', '', '', '', 'none', '', '', '', '', ''].join('\n')}\n`);
    expect(result.code).toBe(0);
    expect(result.printed).not.toContain('SMTP port');
    expect(result.printed).not.toContain("Where people's accounts live");
    expect(result.printed).toContain('Text messages (none, demo, http) [demo]: ');
    const config = loadConfig(out);
    expect(config).toMatchObject({ demo: true, sms: { provider: 'demo' }, directory: { kind: 'sqlite' } });
    expect(config.mail.smtp).toBeUndefined();
  });

  it('with an http text gateway names the token variable and a body the loader accepts', async () => {
    const out = path.join(dirs.make(), 'sms.yaml');
    const answers = ['', '', '', '', '', '', '', '', '', 'http', 'http://sms.example.ac.uk/send', 'https://sms.example.ac.uk/send', '', '', '', ''];
    const result = await init(['--out', out], `${answers.join('\n')}\n`);
    expect(result.printed).toContain('Not used: expected an https:// URL');
    expect(loadConfig(out).sms).toMatchObject({ provider: 'http', url: 'https://sms.example.ac.uk/send', secretHeader: { valueEnv: 'SSPR_SMS_TOKEN' } });
  });

  it('--defaults writes without questions; an existing file is kept unless --force', async () => {
    const out = path.join(dirs.make(), 'config.yaml');
    expect((await init(['--defaults', '--out', out])).code).toBe(0);
    const config = loadConfig(out);
    expect(config).toMatchObject({ demo: false, branding: { organisationName: 'Example University' }, mail: { smtp: { host: 'smtp.example.ac.uk', port: 587 } } });
    expect(config.languages.offered).toEqual(['en', 'fr', 'es', 'ar']);
    writeFileSync(out, 'mine: true\n');
    await expect(init(['--defaults', '--out', out])).rejects.toThrow(/already exists; nothing was written \(--force replaces it\)/);
    expect(readFileSync(out, 'utf8')).toBe('mine: true\n');
    expect((await init(['--defaults', '--force', '--out', out])).code).toBe(0);
    expect(loadConfig(out).demo).toBe(false);
  });

  it('stops in words when the input ends before the last question, leaving no file', async () => {
    const out = path.join(dirs.make(), 'half.yaml');
    await expect(init(['--out', out], 'Northfield University\n')).rejects.toThrow(/the input ended before "An example username, shown under every username box \(e.g. jsmith42; nothing: no example\)" was answered/);
    expect(existsSync(out)).toBe(false);
  });

  it('runs through the admin command: exit code 0 when written, 1 when the file exists', () => {
    const out = path.join(dirs.make(), 'config.yaml');
    const admin = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'tools', 'admin.ts'), ...args], { cwd: root, encoding: 'utf8' });
    expect(admin(['init', '--defaults', '--out', out])).toMatchObject({ status: 0 });
    expect(loadConfig(out).demo).toBe(false);
    expect(admin(['init', '--defaults', '--out', out])).toMatchObject({ status: 1, stderr: expect.stringContaining('already exists') });
  });
});
