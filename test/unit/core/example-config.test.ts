import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig, validateConfig } from '../../../electron/core/config/load-config.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

/** The commented `# <key>:` blocks, uncommented: each is a complete alternative to the live block of that key. */
function commentedBlocks(text: string, key: string): unknown[] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith(`# ${key}:`)) {
      current = [`${key}:`];
      blocks.push(current);
    } else if (current !== null && line.startsWith('#   ')) {
      current.push(line.slice(2));
    } else {
      current = null;
    }
  }
  return blocks.map((lines) => (parseYaml(lines.join('\n')) as Record<string, unknown>)[key]);
}

describe('config.example.yaml, the file README points deployers at', () => {
  it('is a valid configuration with the organisation policy and Entra throttle numbers', () => {
    const dir = dirs.make();
    mkdirSync(path.join(dir, 'data'));
    copyFileSync('config.example.yaml', path.join(dir, 'config.yaml'));
    const config = loadConfig(path.join(dir, 'config.yaml'));
    expect(config.demo).toBe(false);
    expect(config.store).toEqual({ kind: 'sqlite', path: path.join(dir, 'data', 'kiosk.db') });
    expect(config.codes.length).toBe(8);
    expect(config.audit.exportDir).toBe(path.join(dir, 'audit-export'));
    expect(config.policy.preset).toBe('campus');
    expect(config.throttle.failedProofs).toEqual({ limit: 5, windowMinutes: 1440, blockMinutes: 1440 });
    expect(config.mail.smtp?.auth?.passwordEnv).toBe('SSPR_SMTP_PASSWORD');
    expect(config.mail.smtp?.name).toBe('library-kiosk-1.example.ac.uk');
    expect(config.sms).toEqual({ provider: 'none', defaultRegion: 'GB' });
    expect(config.directory).toEqual({ kind: 'sqlite' });
  });

  it('shows an LDAP and an Active Directory deployment, each valid in place of the live directory block, over TLS', () => {
    const text = readFileSync('config.example.yaml', 'utf8');
    const base = parseYaml(text) as Record<string, unknown>;
    const examples = commentedBlocks(text, 'directory');
    expect(examples.map((directory) => (directory as { kind: string }).kind)).toEqual(['ldap', 'active-directory']);
    const dir = dirs.make();
    for (const directory of examples) {
      const config = validateConfig({ ...base, directory }, 'config.example.yaml', dir);
      expect(config.directory).toMatchObject(directory as object);
      expect(config.directory).toMatchObject({ allowInsecure: false });
    }
    // Plain LDAP would send the service password and people's passwords in clear: refused unless said.
    const plain = { ...(examples[0] as object), startTls: false };
    expect(() => validateConfig({ ...base, directory: plain }, 'config.example.yaml', dir)).toThrow(/ldap:\/\/ sends passwords in clear/);
    expect(validateConfig({ ...base, directory: { ...plain, allowInsecure: true } }, 'config.example.yaml', dir).directory).toMatchObject({ allowInsecure: true });
  });

  it('shows one commented example per real text-message provider, and each one is valid in place of the live block', () => {
    const text = readFileSync('config.example.yaml', 'utf8');
    const base = parseYaml(text) as Record<string, unknown>;
    const examples = commentedBlocks(text, 'sms');
    expect(examples.map((sms) => (sms as { provider: string }).provider)).toEqual(['http', 'twilio', 'email-gateway']);
    const dir = dirs.make();
    for (const sms of examples) {
      const config = validateConfig({ ...base, sms }, 'config.example.yaml', dir);
      expect(config.sms).toMatchObject(sms as object);
    }
  });
});
