import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/core/config/config-error.js';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { effectivePolicy } from '../../../electron/core/config/effective-policy.js';
import { loadConfig } from '../../../electron/core/config/load-config.js';
import { configSchema } from '../../../shared/config/config-schema.js';
import { presets } from '../../../shared/policy/policy-config.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

const minimal = {
  branding: { organisationName: 'Example College', serviceDesk: { name: 'Help Desk' } },
  store: { kind: 'sqlite', path: 'data/kiosk.db' },
  mail: { from: 'IT <it@college.example>', smtp: { host: 'smtp.college.example' } },
};

function write(name: string, text: string): string {
  const file = path.join(dirs.make(), name);
  writeFileSync(file, text);
  return file;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('Expected a ConfigError');
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('Expected an error');
}

describe('loading the configuration', () => {
  it('reads JSON, fills in defaults and resolves paths against the file’s folder', () => {
    const file = write('kiosk.json', JSON.stringify(minimal));
    const config = loadConfig(file);
    const dir = path.dirname(file);
    expect(config.store).toEqual({ kind: 'sqlite', path: path.join(dir, 'data', 'kiosk.db') });
    expect(config.demo).toBe(false);
    expect(config.kiosk).toEqual({ id: 'kiosk-1', location: '', sessionMinutes: 15, idleSeconds: 120, doneReturnSeconds: 10, onScreenKeyboard: 'off' });
    // 8 digits: with the per-kiosk ceiling on wrong codes a guess per kiosk-day stays under 1 in 10,000.
    expect(config.codes).toEqual({ length: 8, ttlMinutes: 10, maxTriesPerCode: 5 });
    expect(config.throttle.kioskRequests).toEqual({ free: 20, limit: 60, windowMinutes: 10, firstWaitSeconds: 2, maxWaitSeconds: 60 });
    expect(config.throttle.kioskFailedProofs).toEqual({ free: 30, limit: 120, windowMinutes: 60, firstWaitSeconds: 2, maxWaitSeconds: 60 });
    expect(config.secrets).toEqual({});
    expect(config.delivery).toEqual({ probeMaxAgeSeconds: 30, downRetryMaxSeconds: 300 });
    expect(config.notifications).toEqual({ giveUpAfterHours: 72 });
    expect(config.audit).toEqual({ retentionDays: 365, exportDir: path.join(dir, 'audit-export') });
    expect(config.hashing).toEqual({ memoryKiB: 19456, timeCost: 2, parallelism: 1 });
    expect(config.mail.smtp).toMatchObject({ host: 'smtp.college.example', port: 587, requireTLS: true });
  });

  it('takes `store: { path }` without a kind as the embedded SQLite file, and resolves the key file too', () => {
    const { store: _store, ...rest } = minimal;
    const file = write('kiosk.json', JSON.stringify({ ...rest, store: { path: 'kiosk.db' }, secrets: { keyFile: 'keys/kiosk.key' } }));
    const config = loadConfig(file);
    expect(config.store).toEqual({ kind: 'sqlite', path: path.join(path.dirname(file), 'kiosk.db') });
    expect(config.secrets).toEqual({ keyFile: path.join(path.dirname(file), 'keys', 'kiosk.key') });
  });

  it('refuses the old `database.path` key, naming both keys', () => {
    const { store: _store, ...rest } = minimal;
    const file = write('kiosk.json', JSON.stringify({ ...rest, database: { path: 'data/kiosk.db' } }));
    const problems = problemsOf(() => loadConfig(file));
    expect(problems.some((line) => line.startsWith('store: '))).toBe(true);
    expect(problems.some((line) => line.startsWith('(top level): ') && line.includes('database'))).toBe(true);
  });

  it('reads a shared PostgreSQL store, with its defaults, its CA file resolved, and no password in the file', () => {
    const dir = dirs.make();
    writeFileSync(path.join(dir, 'db-ca.pem'), '-----BEGIN CERTIFICATE-----');
    const file = path.join(dir, 'kiosk.json');
    const store = { kind: 'postgres', host: 'db.college.example', database: 'sspr', user: 'kiosk', passwordEnv: 'KIOSK_DB_PASSWORD', tls: { caFile: 'db-ca.pem' } };
    writeFileSync(file, JSON.stringify({ ...minimal, store, secrets: { keyEnv: 'KIOSK_KEY' } }));
    expect(loadConfig(file).store).toEqual({
      ...store,
      port: 5432,
      tls: { mode: 'require', caFile: path.join(dir, 'db-ca.pem') },
      poolSize: 4,
      connectTimeoutSeconds: 10,
    });

    const withPassword = write('kiosk.json', JSON.stringify({ ...minimal, store: { ...store, tls: undefined, password: 'p' }, secrets: { keyEnv: 'KIOSK_KEY' } }));
    expect(problemsOf(() => loadConfig(withPassword))).toEqual(['store: Unrecognized key: "password"']);
  });

  it('requires a shared deployment key for a shared store, and only one source of it', () => {
    const postgres = { kind: 'postgres', host: 'db', database: 'sspr', user: 'kiosk' };
    const withoutKey = write('kiosk.json', JSON.stringify({ ...minimal, store: postgres }));
    expect(problemsOf(() => loadConfig(withoutKey))).toEqual([
      'secrets: keyFile or keyEnv is required when store.kind is postgres (every kiosk sharing the database needs the same deployment key)',
    ]);
    const both = write('kiosk.json', JSON.stringify({ ...minimal, secrets: { keyFile: 'k.key', keyEnv: 'KIOSK_KEY' } }));
    expect(problemsOf(() => loadConfig(both))).toEqual(['secrets: set keyFile or keyEnv, not both']);
  });

  it('refuses pacing rules that contradict themselves', () => {
    const file = write(
      'kiosk.json',
      JSON.stringify({
        ...minimal,
        throttle: { kioskRequests: { free: 10, limit: 5 }, kioskFailedProofs: { firstWaitSeconds: 600, maxWaitSeconds: 60 } },
      }),
    );
    expect(problemsOf(() => loadConfig(file))).toEqual([
      'throttle.kioskRequests: free must not be larger than limit',
      'throttle.kioskFailedProofs: firstWaitSeconds must not be larger than maxWaitSeconds',
    ]);
  });

  it('refuses codes so short that one kiosk could check a 1-in-10,000 chance of guessing one in a day', () => {
    const short = write('kiosk.json', JSON.stringify({ ...minimal, codes: { length: 6 } }));
    const [problem, ...rest] = problemsOf(() => loadConfig(short));
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^codes\.length: 6 digits with throttle\.kioskFailedProofs at 120 per 60 min lets one kiosk check 2881 guesses a day/);
    // Six digits are fine when the kiosk lets far fewer wrong codes through.
    const strict = { free: 2, limit: 4, windowMinutes: 1440, firstWaitSeconds: 5, maxWaitSeconds: 300 };
    const fewer = write('kiosk.json', JSON.stringify({ ...minimal, codes: { length: 6 }, throttle: { kioskFailedProofs: strict } }));
    expect(loadConfig(fewer).codes.length).toBe(6);
  });

  it('reads YAML the same way, including logo and CA file paths', () => {
    const dir = dirs.make();
    writeFileSync(path.join(dir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----');
    const file = path.join(dir, 'kiosk.yaml');
    writeFileSync(
      file,
      [
        'branding:',
        '  organisationName: Example College',
        '  logoPath: logo.svg',
        '  serviceDesk: { name: Help Desk, phone: "0100 000" }',
        'store: { kind: sqlite, path: /var/lib/kiosk/kiosk.db }',
        'mail:',
        '  from: IT <it@college.example>',
        '  smtp: { host: smtp.college.example, tls: { caFile: ca.pem } }',
        'policy: { preset: standards, overrides: { minLength: 16 } }',
      ].join('\n'),
    );
    const config = loadConfig(file);
    expect(config.branding.logoPath).toBe(path.join(dir, 'logo.svg'));
    expect(config.mail.smtp?.tls.caFile).toBe(path.join(dir, 'ca.pem'));
    expect(config.store).toEqual({ kind: 'sqlite', path: '/var/lib/kiosk/kiosk.db' });
    expect(effectivePolicy(config)).toEqual({ ...presets.standards, minLength: 16 });
  });

  it('takes an optional username example for the hint, and refuses one that is an email address', () => {
    expect(loadConfig(write('plain.json', JSON.stringify(minimal))).branding.usernameExample).toBeUndefined();
    const good = write('good.json', JSON.stringify({ ...minimal, branding: { ...minimal.branding, usernameExample: 'jsmith42' } }));
    expect(loadConfig(good).branding.usernameExample).toBe('jsmith42');
    const bad = write('bad.json', JSON.stringify({ ...minimal, branding: { ...minimal.branding, usernameExample: 'jsmith@college.example' } }));
    expect(problemsOf(() => loadConfig(bad))).toContain('branding.usernameExample: a username like jsmith42: no spaces and no "@"');
  });

  it('lists every problem as `key: what was expected`', () => {
    const file = write(
      'kiosk.json',
      JSON.stringify({
        ...minimal,
        kiosk: { sessionMinutes: 0 },
        codes: { length: 4 },
        branding: { ...minimal.branding, colours: { primary: 'blue' } },
        surprise: true,
      }),
    );
    const problems = problemsOf(() => loadConfig(file));
    expect(problems.some((line) => line.startsWith('kiosk.sessionMinutes: '))).toBe(true);
    expect(problems.some((line) => line.startsWith('codes.length: '))).toBe(true);
    expect(problems).toContain('branding.colours.primary: a colour like #1a2b3c');
    expect(problems.some((line) => line.startsWith('(top level): ') && line.includes('surprise'))).toBe(true);
    const message = messageOf(() => loadConfig(file));
    expect(message).toContain(file);
    expect(message).toContain('\n  codes.length: ');
  });

  it('refuses a policy whose minimum length exceeds its maximum', () => {
    const file = write('kiosk.json', JSON.stringify({ ...minimal, policy: { overrides: { minLength: 30 } } }));
    expect(problemsOf(() => loadConfig(file))).toEqual(['policy.overrides: minLength (30) must not be larger than maxLength (20)']);
  });

  it('requires SMTP outside demo mode, and a logo file that exists', () => {
    const file = write('kiosk.json', JSON.stringify({ ...minimal, mail: { from: 'IT <it@college.example>' }, branding: { ...minimal.branding, logoPath: 'missing.png' } }));
    const problems = problemsOf(() => loadConfig(file));
    expect(problems[0]).toBe('mail.smtp: required unless demo is true (the kiosk must be able to send codes)');
    expect(problems[1]).toMatch(/^branding\.logoPath: expected an existing file/);
  });

  it('refuses, at start-up, text that the emails could not carry: a link, or a line break', () => {
    // These values are written into every code email and notification; a link there would break the
    // promise that IT Services never emails links, so the templates refuse them. Finding out at the
    // first reset would leave every code unsent.
    const file = write(
      'kiosk.json',
      JSON.stringify({
        ...minimal,
        kiosk: { location: 'Library\nground floor' },
        branding: { ...minimal.branding, serviceDesk: { name: 'Help Desk', location: 'see help.college.example/desk' } },
      }),
    );
    const problems = problemsOf(() => loadConfig(file));
    expect(problems.some((line) => line.startsWith('kiosk.location: '))).toBe(true);
    expect(problems.some((line) => line.startsWith('branding.serviceDesk.location: ') && line.includes('link'))).toBe(true);
    expect(problems.join('\n')).not.toContain('help.college.example/desk');
  });

  it('says clearly when the file is missing or not valid JSON / YAML', () => {
    expect(problemsOf(() => loadConfig(path.join(dirs.make(), 'none.json')))).toEqual(['(file): the file does not exist']);
    expect(problemsOf(() => loadConfig(write('bad.json', '{ "demo": ')))[0]).toMatch(/^\(file\): expected valid JSON/);
    expect(problemsOf(() => loadConfig(write('bad.yaml', 'branding: [unclosed')))[0]).toMatch(/^\(file\): expected valid YAML/);
  });

  it('accepts a fully qualified host name as mail.smtp.name (the EHLO greeting) and refuses anything else', () => {
    const withName = (name: string) => write('kiosk.json', JSON.stringify({ ...minimal, mail: { ...minimal.mail, smtp: { host: 'h', name } } }));
    expect(loadConfig(withName('kiosk-1.college.example')).mail.smtp?.name).toBe('kiosk-1.college.example');
    for (const name of ['kiosk-1', 'kiosk 1.college.example', 'kiosk_1.college.example', '-kiosk.college.example', '192.0.2.7', 'kiosk.college.example\r\nRCPT TO:<x@y.example>']) {
      expect(problemsOf(() => loadConfig(withName(name)))).toEqual(['mail.smtp.name: a fully qualified host name like kiosk-1.example.ac.uk']);
    }
    expect(loadConfig(write('kiosk.json', JSON.stringify(minimal))).mail.smtp?.name).toBeUndefined();
  });

  it('never accepts an SMTP password in the file, only the name of an environment variable', () => {
    const file = write('kiosk.json', JSON.stringify({ ...minimal, mail: { ...minimal.mail, smtp: { host: 'h', auth: { user: 'u', password: 'p' } } } }));
    expect(problemsOf(() => loadConfig(file)).some((line) => line.startsWith('mail.smtp.auth'))).toBe(true);
  });
});

describe('the demo configuration', () => {
  it('is a valid configuration for a fictional organisation, in demo mode, with its database in the data folder', () => {
    const dir = dirs.make();
    const config = createDemoConfig(dir);
    expect(configSchema.parse(config)).toEqual(config);
    expect(config.demo).toBe(true);
    expect(config.branding.organisationName).toBe('Northfield University');
    expect(config.branding.departmentName).toBe('IT Services');
    expect(config.branding.serviceDesk).toMatchObject({ location: expect.any(String), phone: expect.any(String), hours: expect.any(String) });
    expect(config.branding.serviceDesk.email).toMatch(/@northfield\.example$/);
    expect(config.mail.from).toBe('IT Services <it-services@northfield.example>');
    expect(config.mail.smtp).toBeUndefined();
    expect(config.sms.provider).toBe('demo');
    expect(config.store.kind).toBe('sqlite');
    expect(config.store.kind === 'sqlite' && path.dirname(config.store.path)).toBe(dir);
    expect(config.audit.exportDir).toBe(path.join(dir, 'audit-export'));
    expect(config.codes.length).toBe(8);
    expect(effectivePolicy(config)).toEqual(presets.campus);
  });
});
