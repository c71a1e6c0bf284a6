import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function admin(args: string[], input = '') {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tools', 'admin.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function configFile(policy: object): string {
  const folder = mkdtempSync(join(tmpdir(), 'sspr-admin-'));
  folders.push(folder);
  const file = join(folder, 'kiosk.json');
  writeFileSync(
    file,
    JSON.stringify({
      demo: true,
      branding: { organisationName: 'Contoso', serviceDesk: {} },
      store: { path: 'kiosk.db' },
      mail: { from: 'it@contoso.example' },
      policy,
    }),
  );
  return file;
}

describe('npm run admin -- policy check', () => {
  it('prints one JSON verdict per input line, in order, and never the password', () => {
    const passwords = ['Password12345', 'Liverpool2024', 'Xq7vPz3mWk9tRb', 'weakpw', 'JohnSmith2024x'];
    const run = admin(['policy', 'check', '--username', 'jsmith', '--first', 'John', '--last', 'Smith'], `${passwords.join('\n')}\n`);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { line: number; accepted: boolean; rules: string[] });
    expect(lines).toEqual([
      expect.objectContaining({ line: 1, accepted: false, rules: ['banned_term', 'breached'] }),
      expect.objectContaining({ line: 2, accepted: false, rules: ['banned_term'] }),
      expect.objectContaining({ line: 3, accepted: true, rules: [] }),
      expect.objectContaining({ line: 4, accepted: false, rules: ['too_short', 'needs_upper', 'needs_digit', 'banned_term'] }),
      expect.objectContaining({ line: 5, accepted: false, rules: expect.arrayContaining(['contains_name']) }),
    ]);
    for (const password of passwords) expect(run.stdout + run.stderr).not.toContain(password);
  });

  it("prints each verdict in the issue's exact text form", () => {
    const run = admin(['policy', 'check'], 'Password12345\nXq7vPz3mWk9tRb\n');
    expect(run.stdout).toBe(
      '{"line": 1, "accepted": false, "rules": ["banned_term", "breached"], "entraScore": 2, "entraMinScore": 5, ' +
        '"gate": "refused: built on a common word or name plus common numbers (10^6.4 guesses, under 10^13.5)"}\n' +
        '{"line": 2, "accepted": true, "rules": [], "entraScore": 14, "entraMinScore": 5, "gate": "passed (10^24.0 guesses, at least 10^13.5)"}\n',
    );
  });

  it("gives the composition gate's verdict, the same codes the kiosk's checklist and refusal show", () => {
    const run = admin(['policy', 'check', '--username', 'amira.khan', '--first', 'Amira', '--last', 'Khan'], 'Abc123772021\nS0phi3201012\nLondon007london\n');
    expect(run.status).toBe(0);
    // Entra's score lets each through at exactly 5 points; the gate names what it is built from.
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      {
        line: 1,
        accepted: false,
        rules: ['built_on_sequence', 'plus_year', 'plus_number'],
        entraScore: 5,
        entraMinScore: 5,
        gate: 'refused: built on a common sequence plus a year and common numbers (10^6.4 guesses, under 10^13.5)',
      },
      { line: 2, accepted: false, rules: ['built_on_word', 'plus_date'], entraScore: 5, entraMinScore: 5, gate: 'refused: built on a common word or name plus a date (10^9.6 guesses, under 10^13.5)' },
      {
        line: 3,
        accepted: false,
        rules: ['built_on_word', 'plus_number', 'plus_repeat'],
        entraScore: 5,
        entraMinScore: 5,
        gate: 'refused: built on a common word or name plus common numbers and a repeated part (10^7.5 guesses, under 10^13.5)',
      },
    ]);
  });

  it("uses the config's organisation name and custom terms, and the preset asked for", () => {
    const config = configFile({ customBannedTerms: ['blank'] });
    const campus = admin(['policy', 'check', '--config', config], 'C0ntos0Blank12\nContoS0Bl@nkf9!\n');
    // Microsoft's published examples score as published: 4 (refused) and 5 (accepted by the score).
    expect(campus.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ line: 1, accepted: false, rules: ['contains_org_name', 'banned_term'], entraScore: 4, entraMinScore: 5 }),
      expect.objectContaining({ line: 2, accepted: false, rules: ['forbidden_character', 'built_on_word'], entraScore: 5, entraMinScore: 5 }),
    ]);
    // Entra's score accepts it at 5; the composition gate sees the organisation's name and its own banned word.
    const standards = admin(['policy', 'check', '--config', config, '--preset', 'standards'], 'ContoS0Bl@nkf9!\n');
    expect(JSON.parse(standards.stdout)).toEqual({
      line: 1,
      accepted: false,
      rules: ['built_on_word'],
      entraScore: 5,
      entraMinScore: 5,
      gate: 'refused: built on a common word or name (10^13.1 guesses, under 10^13.5)',
    });
  });

  it('stops with a clear error naming the key when the custom list breaks the limits', () => {
    const run = admin(['policy', 'check', '--config', configFile({ customBannedTerms: ['ok!!', 'abc'] })]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/policy\.customBannedTerms\.1/);
    expect(run.stdout).toBe('');
  });

  it('does not echo a password given as an argument instead of on stdin', () => {
    const run = admin(['policy', 'check', '--username', 'jsmith', 'Zorbaquix-Secret-77']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unexpected argument number 3 .*stdin/);
    expect(run.stdout + run.stderr).not.toContain('Zorbaquix');
  });

  it('explains its usage when asked for an unknown preset or option', () => {
    expect(admin(['policy', 'check', '--preset', 'lenient'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--preset must be one of campus, standards/) });
    expect(admin(['policy', 'check', '--colour', 'red'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown option --colour/) });
  });
});
