import { afterEach, expect, it } from 'vitest';
import { contactRows } from '../../../electron/core/store/contacts.js';
import type { Result } from '../../../shared/ipc/result.js';
import { describeEachBackend, type Backend } from '../../support/backends.js';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { readTables, rowsOf } from '../../support/database-dump.js';
import { insertTestAccount } from '../../support/core-store.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createSeededRandom } from '../../support/seeded-random.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { waitUntil } from '../../support/wait-until.js';

const dirs = createTempDirs();
const open: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of open.splice(0)) await kiosk.kiosk.close();
  dirs.removeAll();
});

/** The background delivery's verdict for one request, whichever it was (sent, not sent, refused). */
const deliveryEvents = /^reset\.code_(sent|not_sent|send_failed)$/;

interface WalkOptions {
  /** The mail relay as the kiosk sees it: working, refusing every recipient, or down altogether. */
  relay?: 'working' | 'refusing' | 'down';
}

/** Everything a person at the kiosk gets back, and what the kiosk kept. */
async function walkUpAsOn(backend: Backend, username: string, options: WalkOptions = {}) {
  const random = createSeededRandom(7);
  const relay = options.relay ?? 'working';
  const mail = relay === 'working' ? null : createRecordingEmailSender(relay === 'refusing' ? 'fail' : 'deliver');
  mail?.setRelayDown(relay === 'down');
  const t = await startTestKiosk({ dataDir: dirs.make(), backend, random, ...(mail === null ? {} : { email: mail.sender }) });
  open.push(t);
  const { store } = t.kiosk;
  // A disabled account with a verified address: it must look like everyone else, and get nothing.
  const disabled = await insertTestAccount(store, 'gail.disabled', { status: 'disabled' });
  await store.run((tx) => contactRows.add(tx, disabled, { kind: 'email', value: 'erin.walsh@northfield.example', verifiedAt: '2026-01-01T00:00:00.000Z' }));
  const directoryTables = ['accounts', 'password_history', 'contact_methods'];
  const accountsBefore = JSON.stringify(await Promise.all(directoryTables.map((table) => rowsOf(store, table))));

  /** Waits for the background delivery of a request that was answered ok, so later views do not race it. */
  let deliveries = 0;
  const delivered = async (response: Result<unknown>) => {
    if (!response.ok) return response;
    deliveries += 1;
    await waitUntil(
      async () => (await rowsOf<{ event: string }>(store, 'audit_log')).filter((row) => deliveryEvents.test(row.event)).length >= deliveries,
      'the background delivery has finished',
    );
    // Its audit row is committed a moment before it marks the session (delivery: failed); on a
    // database server another connection can see the row in between.
    await t.kiosk.settled();
    return response;
  };

  const responses: Result<unknown>[] = [];
  responses.push(await t.call('journey:begin', { purpose: 'reset', username }));
  random.nextInts(12345678);
  responses.push(await delivered(await t.call('code:choose', { method: 'email' })));
  responses.push(await t.call('session:get', {}));
  responses.push(await t.call('code:verify', { code: '65432100' }));
  random.nextInts(24681012);
  responses.push(await delivered(await t.call('code:resend', {})));
  responses.push(await t.call('code:verify', { code: '11111111' }));
  // close() waits for the background sends, so the outbox and the file are final.
  await t.kiosk.close();

  const tables = await readTables(t.kiosk.config.store, t.env, [...directoryTables, 'challenges', 'throttle_events', 'audit_log']);
  const all = <T>(table: string) => tables[table] as T[];
  return {
    seen: JSON.stringify(responses),
    recipients: (mail?.sent ?? t.kiosk.demoOutbox!.messages()).map((message) => message.to),
    attempted: (mail?.attempted ?? []).map((message) => message.to),
    accountUnchanged: accountsBefore === JSON.stringify(directoryTables.map((table) => all(table))),
    challenges: all<{ account_id: number | null; username_key: string }>('challenges'),
    throttleScopes: all<{ scope: string }>('throttle_events').map((row) => row.scope).sort(),
    notSent: all<{ event: string; detail: string }>('audit_log')
      .filter((row) => row.event === 'reset.code_not_sent')
      .map((row) => JSON.parse(row.detail) as Record<string, unknown>),
    pseudonym: t.kiosk.pseudonym(username),
  };
}

const others = ['no.such.person', 'chloe.martin', 'gail.disabled', 'dev.patel'];

describeEachBackend('a request looks the same whoever the username belongs to', (backend) => {
  const walkUpAs = (username: string, options: WalkOptions = {}) => walkUpAsOn(backend, username, options);

  it('gives unknown, unregistered, disabled and locked usernames exactly the answers a registered one gets', async () => {
    const registered = await walkUpAs('amira.khan');
    expect(registered.recipients).toEqual(['amira.khan@homemail.example', 'amira.khan@homemail.example']);
    // No view carries the typed name, so nothing needs taking out before comparing.
    const codeSent = { stage: 'code_sent', purpose: 'reset', method: 'email', delivery: 'pending', codeLength: 8, expiresInSeconds: 600 };
    expect(JSON.parse(registered.seen)).toEqual([
      { ok: true, value: { stage: 'choose_method', purpose: 'reset', methods: ['email', 'sms', 'app'], proof: { number: 1, of: 1 } } },
      { ok: true, value: codeSent },
      { ok: true, value: codeSent },
      { ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 4 } } },
      { ok: true, value: codeSent },
      { ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 3 } } },
    ]);

    for (const username of others) {
      const other = await walkUpAs(username);
      expect(other.seen, username).toBe(registered.seen);
      expect(other.accountUnchanged, username).toBe(true);
      // The same rows are counted for every name, so the limits give nothing away either.
      expect(other.throttleScopes, username).toEqual(registered.throttleScopes);
    }
    expect(registered.throttleScopes).toEqual(['emailSends', 'emailSends', 'failedProofs', 'failedProofs', 'kioskFailedProofs', 'kioskFailedProofs', 'kioskRequests', 'kioskRequests']);
  });

  it('shows "pending" when the server refuses a registered person’s address, exactly as for a name without one', async () => {
    // Saying "could not be sent" here would tell anyone at the kiosk that the name has an account
    // with an address: the screen shows only what the relay's own health says.
    const registered = await walkUpAs('amira.khan', { relay: 'refusing' });
    expect(registered.recipients).toEqual([]);
    expect(registered.attempted).toEqual(['amira.khan@homemail.example', 'amira.khan@homemail.example']);
    const unknown = await walkUpAs('no.such.person', { relay: 'refusing' });
    expect(registered.seen).toBe(unknown.seen);
    expect(registered.seen).toBe((await walkUpAs('no.such.person')).seen);
    expect(JSON.parse(registered.seen)).toContainEqual({ ok: true, value: expect.objectContaining({ stage: 'code_sent', delivery: 'pending' }) });
  });

  it('shows "could not be sent" when the relay is down, to every name alike', async () => {
    const registered = await walkUpAs('amira.khan', { relay: 'down' });
    const codeSent = { stage: 'code_sent', purpose: 'reset', method: 'email', codeLength: 8, expiresInSeconds: 600 };
    expect(JSON.parse(registered.seen)).toEqual([
      { ok: true, value: { stage: 'choose_method', purpose: 'reset', methods: ['email', 'sms', 'app'], proof: { number: 1, of: 1 } } },
      { ok: true, value: { ...codeSent, delivery: 'pending' } },
      { ok: true, value: { ...codeSent, delivery: 'failed' } },
      { ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 4 } } },
      // Until the next probe is due, nobody's request is taken.
      { ok: false, error: { code: 'DELIVERY_UNAVAILABLE', details: { retryAfterSeconds: 5 } } },
      { ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 3 } } },
    ]);
    for (const username of others) expect((await walkUpAs(username, { relay: 'down' })).seen, username).toBe(registered.seen);
  });

  it('sends nothing for unknown, unregistered and disabled usernames, but still stores a challenge for them, under a pseudonym', async () => {
    const reasons: Record<string, string> = { 'no.such.person': 'no_account', 'chloe.martin': 'not_registered', 'gail.disabled': 'account_disabled' };
    for (const [username, reason] of Object.entries(reasons)) {
      const walk = await walkUpAs(username);
      expect(walk.recipients, username).toEqual([]);
      expect(walk.challenges.map((row) => row.account_id), username).toEqual([null, null]);
      expect(walk.challenges.map((row) => row.username_key), username).toEqual([walk.pseudonym, walk.pseudonym]);
      // Only the desk is told why no code went out.
      expect(walk.notSent, username).toEqual([
        { method: 'email', reason },
        { method: 'email', reason },
      ]);
    }
  });

  it('changes nothing on a registered account before a valid proof', async () => {
    expect((await walkUpAs('amira.khan')).accountUnchanged).toBe(true);
    expect((await walkUpAs('dev.patel')).accountUnchanged).toBe(true);
  });

  it('refuses the "right" code for a username with no account: it can only be a guess', async () => {
    const random = createSeededRandom(9);
    const t = await startTestKiosk({ dataDir: dirs.make(), backend, random });
    open.push(t);
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'no.such.person' }));
    random.nextInts(42424242);
    valueOf(await t.call('code:choose', { method: 'email' }));
    expect(await t.call('code:verify', { code: '42424242' })).toEqual({ ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 4 } } });
  });
});
