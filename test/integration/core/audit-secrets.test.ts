import { afterEach, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { codeIn, startTestKiosk, valueOf } from '../../support/core-kiosk.js';
import { readDatabaseFile, rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

describe('the audit log', () => {
  it('never holds a code, a password or a hash', async () => {
    const t = await startTestKiosk({ dataDir: dirs.make() });
    const codes: string[] = [];
    const passwords: string[] = demoAccounts.flatMap((account) => [account.password, ...account.earlierPasswords]);

    valueOf(await t.call('reset:begin', { username: 'ben.okafor' }));
    valueOf(await t.call('reset:chooseMethod', { method: 'email' }));
    codes.push(codeIn((await t.waitForMessages(2))[0]!.text));
    valueOf(await t.call('reset:resendCode', {}));
    codes.push(codeIn((await t.waitForMessages(4))[3]!.text));
    const wrongCode = codes.includes('493817') ? '493818' : '493817';
    codes.push(wrongCode);
    expect((await t.call('reset:verifyCode', { code: wrongCode })).ok).toBe(false);
    expect((await t.call('reset:verifyCode', { code: codes[0]! })).ok).toBe(false);
    valueOf(await t.call('reset:verifyCode', { code: codes[1]! }));

    const rejected = ['Okafor12345678', 'Ben4Okafor4Ben', 'Password2026xy', 'short1A'];
    const mismatch = 'Zq9wXe3rTy6uIo';
    for (const password of rejected) {
      passwords.push(password);
      expect((await t.call('policy:check', { password })).ok).toBe(true);
      expect((await t.call('reset:setPassword', { password, confirmation: password })).ok).toBe(false);
    }
    passwords.push(mismatch);
    expect((await t.call('reset:setPassword', { password: mismatch, confirmation: `${mismatch}x` })).ok).toBe(false);
    const chosen = 'Mv2bNc8xLk5jHg';
    passwords.push(chosen);
    valueOf(await t.call('reset:setPassword', { password: chosen, confirmation: chosen }));
    await t.kiosk.close();

    const { audit, hashes, codeHashes } = readDatabaseFile(t.kiosk.config.database.path, (db) => ({
      audit: rowsOf(db, 'audit_log'),
      hashes: [
        ...rowsOf<{ password_hash: string }>(db, 'accounts').map((row) => row.password_hash),
        ...rowsOf<{ password_hash: string }>(db, 'password_history').map((row) => row.password_hash),
      ],
      codeHashes: rowsOf<{ code_hash: string }>(db, 'challenges').map((row) => row.code_hash),
    }));
    const auditText = JSON.stringify(audit);
    expect(audit.length).toBeGreaterThan(8);
    for (const secret of [...codes, ...passwords, ...hashes, ...codeHashes]) expect(auditText).not.toContain(secret);
    expect(auditText).not.toContain('$argon2');
    // Nor does the main-process log.
    const logText = t.logLines.join('\n');
    for (const secret of [...codes, ...passwords]) expect(logText).not.toContain(secret);
  });
});
