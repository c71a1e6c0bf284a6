import { afterEach, expect, it } from 'vitest';
import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { readTables } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

type Row = Record<string, unknown>;

describeEachBackend('the password history entries', (backend) => {
  it('are written for every password set, and never appear in an IPC answer, the log, the audit or any other record', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    const amira = demoAccounts.find((account) => account.username === 'amira.khan')!;
    const answers: unknown[] = [];
    const call: TestKiosk['call'] = async (channel, payload) => {
      const answer = await t!.call(channel, payload);
      answers.push(answer);
      return answer;
    };

    valueOf(await call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await call('code:choose', { method: 'email' }));
    const [mail] = await t.waitForMessages(1);
    valueOf(await call('code:verify', { code: codeIn(mail!.text) }));
    for (const used of [amira.password, ...amira.earlierPasswords]) {
      expect(await call('password:set', { password: used, confirmation: used })).toEqual({ ok: false, error: { code: 'PASSWORD_REJECTED', details: { rules: ['reused'] } } });
    }
    const chosen = 'Mv2bNc8xLk5jHg';
    expect(valueOf(await call('policy:check', { password: chosen }))).toEqual({ failed: [] });
    expect(valueOf(await call('password:set', { password: chosen, confirmation: chosen })).stage).toBe('done');
    await t.kiosk.settled();
    const messages = t.kiosk.demoOutbox!.messages();
    await t.kiosk.close();

    const tables = await readTables(t.kiosk.config.store, t.env, [
      'history_derivations',
      'history_salts',
      'audit_log',
      'outbox',
      'password_changes',
      'challenges',
      'throttle_events',
      'accounts',
    ]);
    const derivations = tables['history_derivations']!.map((row: Row) => String(row['derivation']));
    const salts = tables['history_salts']!.map((row: Row) => String(row['salt']));
    const amiraId = tables['accounts']!.find((row: Row) => row['username'] === 'amira.khan')!['id'];
    // The seed's two (current and earlier) and the new password's: three entries for Amira.
    expect(tables['history_derivations']!.filter((row: Row) => row['account_id'] === amiraId)).toHaveLength(3);
    expect(salts).toHaveLength(demoAccounts.length);

    const secrets = [...derivations, ...salts].flatMap((hex) => [hex, Buffer.from(hex, 'hex').toString('base64')]);
    const seen = {
      ipc: JSON.stringify(answers),
      log: t.logLines.join('\n'),
      audit: JSON.stringify(tables['audit_log']),
      records: JSON.stringify(['outbox', 'password_changes', 'challenges', 'throttle_events'].map((name) => tables[name])),
      messages: JSON.stringify(messages),
    };
    expect(seen.audit).toContain('reset.password_set');
    for (const [place, text] of Object.entries(seen)) {
      for (const secret of secrets) expect(text.includes(secret), `${place} holds a history entry or salt`).toBe(false);
    }
  });
});
