import { afterEach, describe, expect, it } from 'vitest';
import { createContactStore } from '../../../electron/core/store/contacts.js';
import type { Result } from '../../../shared/ipc/result.js';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { readDatabaseFile, rowsOf } from '../../support/database-dump.js';
import { insertTestAccount } from '../../support/core-store.js';
import { createSeededRandom } from '../../support/seeded-random.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
const open: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of open.splice(0)) await kiosk.kiosk.close();
  dirs.removeAll();
});

/** Everything a person at the kiosk gets back, with their own username taken out. */
async function walkUpAs(username: string) {
  const random = createSeededRandom(7);
  const t = await startTestKiosk({ dataDir: dirs.make(), random });
  open.push(t);
  // A disabled account with a verified address: it must look like everyone else, and get nothing.
  const disabled = insertTestAccount(t.kiosk.db, 'erin.walsh', { status: 'disabled' });
  createContactStore(t.kiosk.db).add(disabled, { kind: 'email', value: 'erin.walsh@northfield.example', verifiedAt: '2026-01-01T00:00:00.000Z' });
  const accountsBefore = JSON.stringify([rowsOf(t.kiosk.db, 'accounts'), rowsOf(t.kiosk.db, 'password_history'), rowsOf(t.kiosk.db, 'contact_methods')]);

  const responses: Result<unknown>[] = [];
  responses.push(await t.call('reset:begin', { username }));
  random.nextInts(123456);
  responses.push(await t.call('reset:chooseMethod', { method: 'email' }));
  responses.push(await t.call('session:get', {}));
  responses.push(await t.call('reset:verifyCode', { code: '654321' }));
  random.nextInts(246810);
  responses.push(await t.call('reset:resendCode', {}));
  responses.push(await t.call('reset:verifyCode', { code: '111111' }));
  // close() waits for the background sends, so the outbox and the file are final.
  await t.kiosk.close();

  return readDatabaseFile(t.kiosk.config.database.path, (db) => ({
    seen: JSON.stringify(responses).replaceAll(JSON.stringify(username), '"<username>"'),
    recipients: t.kiosk.demoOutbox!.messages().map((message) => message.to),
    accountUnchanged: accountsBefore === JSON.stringify([rowsOf(db, 'accounts'), rowsOf(db, 'password_history'), rowsOf(db, 'contact_methods')]),
    challenges: rowsOf<{ account_id: number | null }>(db, 'challenges'),
  }));
}

describe('a request looks the same whoever the username belongs to', () => {
  it('gives unknown, unregistered, disabled and locked usernames exactly the answers a registered one gets', async () => {
    const registered = await walkUpAs('amira.khan');
    expect(registered.recipients).toEqual(['amira.khan@homemail.example', 'amira.khan@homemail.example']);
    expect(JSON.parse(registered.seen)).toEqual([
      { ok: true, value: { stage: 'choose_method', purpose: 'reset', username: '<username>', methods: ['email'] } },
      {
        ok: true,
        value: { stage: 'code_sent', purpose: 'reset', username: '<username>', method: 'email', delivery: 'pending', codeLength: 6, expiresInSeconds: 600 },
      },
      {
        ok: true,
        value: { stage: 'code_sent', purpose: 'reset', username: '<username>', method: 'email', delivery: 'pending', codeLength: 6, expiresInSeconds: 600 },
      },
      { ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 4 } } },
      {
        ok: true,
        value: { stage: 'code_sent', purpose: 'reset', username: '<username>', method: 'email', delivery: 'pending', codeLength: 6, expiresInSeconds: 600 },
      },
      { ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 3 } } },
    ]);

    for (const username of ['no.such.person', 'chloe.martin', 'erin.walsh', 'dev.patel']) {
      const other = await walkUpAs(username);
      expect(other.seen, username).toBe(registered.seen);
      expect(other.accountUnchanged, username).toBe(true);
    }
  });

  it('sends nothing for unknown, unregistered and disabled usernames, but still stores a challenge for them', async () => {
    for (const username of ['no.such.person', 'chloe.martin', 'erin.walsh']) {
      const walk = await walkUpAs(username);
      expect(walk.recipients, username).toEqual([]);
      expect(walk.challenges.map((row) => row.account_id), username).toEqual([null, null]);
    }
  });

  it('changes nothing on a registered account before a valid proof', async () => {
    expect((await walkUpAs('amira.khan')).accountUnchanged).toBe(true);
    expect((await walkUpAs('dev.patel')).accountUnchanged).toBe(true);
  });

  it('refuses the "right" code for a username with no account: it can only be a guess', async () => {
    const random = createSeededRandom(9);
    const t = await startTestKiosk({ dataDir: dirs.make(), random });
    open.push(t);
    valueOf(await t.call('reset:begin', { username: 'no.such.person' }));
    random.nextInts(424242);
    valueOf(await t.call('reset:chooseMethod', { method: 'email' }));
    expect(await t.call('reset:verifyCode', { code: '424242' })).toEqual({ ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 4 } } });
  });
});
