import { afterEach, expect, it } from 'vitest';
import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { encodeKey } from '../../../electron/core/keys/deployment-key.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, startTestKiosk, valueOf } from '../../support/core-kiosk.js';
import { readTables } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

type Row = Record<string, unknown>;

describeEachBackend('the audit log and the other records', (backend) => {
  it('never hold a code, a password, a hash, a key or a name as typed', async () => {
    const deploymentKey = Buffer.alloc(32, 0x5a);
    const t = await startTestKiosk({
      dataDir: dirs.make(),
      backend,
      env: { KIOSK_KEY: encodeKey(deploymentKey) },
      configure: (config) => ({ ...config, secrets: { keyEnv: 'KIOSK_KEY' } }),
    });
    const codes: string[] = [];
    const passwords: string[] = demoAccounts.flatMap((account) => [account.password, ...account.earlierPasswords]);
    // Names as typed: one is a password typed into the username box, which must not be kept anywhere.
    const typedNames = ['Wq3nVb8zHt5kLp!', 'Ben.Okafor'];

    valueOf(await t.call('journey:begin', { purpose: 'reset', username: typedNames[0]! }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    valueOf(await t.call('session:startOver', {}));

    valueOf(await t.call('journey:begin', { purpose: 'reset', username: typedNames[1]! }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    codes.push(codeIn((await t.waitForMessages(2))[0]!.text));
    valueOf(await t.call('code:resend', {}));
    codes.push(codeIn((await t.waitForMessages(4))[3]!.text));
    const wrongCode = codes.includes('49381726') ? '49381727' : '49381726';
    codes.push(wrongCode);
    expect((await t.call('code:verify', { code: wrongCode })).ok).toBe(false);
    expect((await t.call('code:verify', { code: codes[0]! })).ok).toBe(false);
    valueOf(await t.call('code:verify', { code: codes[1]! }));

    const rejected = ['Okafor12345678', 'Ben4Okafor4Ben', 'Password2026xy', 'short1A'];
    const mismatch = 'Zq9wXe3rTy6uIo';
    for (const password of rejected) {
      passwords.push(password);
      expect((await t.call('policy:check', { password })).ok).toBe(true);
      expect((await t.call('password:set', { password, confirmation: password })).ok).toBe(false);
    }
    passwords.push(mismatch);
    expect((await t.call('password:set', { password: mismatch, confirmation: `${mismatch}x` })).ok).toBe(false);
    const chosen = 'Mv2bNc8xLk5jHg';
    passwords.push(chosen);
    valueOf(await t.call('password:set', { password: chosen, confirmation: chosen }));
    // Ben's two code messages, twice, and his two notices.
    await t.waitForMessages(6);
    const keys = t.kiosk.keys;
    await t.kiosk.close();

    // Everything else the kiosk writes as it runs, apart from the directory itself.
    const recordTables = ['challenges', 'throttle_events', 'throttle_blocks', 'outbox', 'password_changes', 'audit_chain_heads', 'key_checks'];
    const tables = await readTables(t.kiosk.config.store, t.env, ['audit_log', 'accounts', 'password_history', ...recordTables]);
    const all = (table: string): Row[] => tables[table]!;
    const audit = all('audit_log');
    const records = recordTables.map((table) => all(table));
    const hashes = [...all('accounts'), ...all('password_history')].map((row) => String(row['password_hash']));
    const codeHashes = all('challenges').map((row) => String(row['code_hash']));
    const auditText = JSON.stringify(audit);
    const recordsText = JSON.stringify(records);
    expect(audit.length).toBeGreaterThan(8);
    for (const secret of [...codes, ...passwords, ...hashes, ...codeHashes, ...typedNames]) expect(auditText).not.toContain(secret);
    expect(auditText).not.toContain('$argon2');
    for (const secret of [...codes, ...passwords, ...hashes, ...typedNames]) expect(recordsText).not.toContain(secret);
    // The deployment key and what is derived from it live outside the database.
    for (const key of [deploymentKey, keys.codeHmac, keys.namePseudonym, keys.auditChain]) {
      for (const text of [key.toString('hex'), key.toString('base64')]) expect(auditText + recordsText).not.toContain(text);
    }
    // The typed name is kept only as its pseudonym, so the desk can still follow one name's attempts
    // (the background delivery's row lands whenever it finishes, hence sorted).
    const followed = audit.filter((row) => row['name_key'] === t.kiosk.pseudonym(typedNames[0]!)).map((row) => String(row['event']));
    expect(followed.sort()).toEqual(['reset.begin', 'reset.code_not_sent', 'reset.code_requested', 'session.start_over']);
    // Nor does the main-process log hold any of them.
    const logText = t.logLines.join('\n');
    for (const secret of [...codes, ...passwords, ...typedNames]) expect(logText).not.toContain(secret);
  });
});
