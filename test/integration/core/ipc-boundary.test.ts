import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { afterEach, expect, it } from 'vitest';
import { channels } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/result.js';
import { describeEachBackend, type Backend } from '../../support/backends.js';
import { appFrame, codeIn, startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { dumpStore, readTables, rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { waitUntil } from '../../support/wait-until.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

const long = 'a'.repeat(10_000);
const longUnicode = 'ü'.repeat(10_000);
/** Values that are never a string: the shapes a hostile page could hand to invoke(). */
const nonStrings: unknown[] = [undefined, null, 0, 123456, true, [], ['amira.khan'], { toString: 'x' }, Number.NaN];

const badUsernames: unknown[] = [
  '',
  '   ',
  long,
  longUnicode,
  'amira\u0000khan',
  '\u0000',
  'amira\u001bkhan',
  'amira\nkhan',
  'amira\ud800',
  '\udfffkhan',
  `${'ü'.repeat(257)}`,
  ...nonStrings,
];
const badCodes: unknown[] = ['', '   ', 'abcdef', '12345a', '123', '12345678901', '１２３４５６', '١٢٣٤٥٦', '12\u00003456', '123456\u0000', long, longUnicode, ...nonStrings];
const badPasswords: unknown[] = ['', long, 'ü'.repeat(1025), 'Abcdefgh1234\u0000', '\u0000', 'Abc\ud800defgh1234', '\udc00', ...nonStrings];

/** Every malformed payload for every channel, including wrong shapes of the whole payload. */
function badPayloads(): [string, unknown][] {
  const list: [string, unknown][] = [];
  for (const username of badUsernames) {
    list.push(['journey:begin', { purpose: 'reset', username }]);
    list.push(['journey:begin', { purpose: 'unlock', username }]);
    list.push(['journey:signIn', { purpose: 'change', username, password: 'Wq3nVb8zHt5kLp' }]);
  }
  for (const purpose of ['', 'change', 'register', 'RESET', 'reset\u0000', ...nonStrings]) list.push(['journey:begin', { purpose, username: 'amira.khan' }]);
  for (const purpose of ['', 'reset', 'unlock', 'CHANGE', ...nonStrings]) list.push(['journey:signIn', { purpose, username: 'amira.khan', password: 'Wq3nVb8zHt5kLp' }]);
  for (const password of badPasswords) list.push(['journey:signIn', { purpose: 'change', username: 'amira.khan', password }]);
  list.push(['journey:signIn', { purpose: 'change', username: 'amira.khan' }]);
  for (const code of badCodes) list.push(['code:verify', { code }]);
  for (const password of badPasswords) {
    list.push(['policy:check', { password }]);
    list.push(['password:set', { password, confirmation: password }]);
    list.push(['password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: password }]);
  }
  for (const method of ['', 'SMS', 'pigeon', long, 'email\u0000', ...nonStrings]) list.push(['code:choose', { method }]);
  for (const channel of channels) {
    for (const payload of [undefined, null, 'text', 42, [], long]) list.push([channel, payload]);
    list.push([channel, { unexpected: 'field', username: 'amira.khan', code: '12345678', password: 'x', confirmation: 'x', method: 'email' }]);
  }
  return list;
}

/** The session at each stage where input is accepted, reached through the router. */
async function atStage(backend: Backend, stage: 'identify' | 'choose_method' | 'code_sent' | 'new_password'): Promise<TestKiosk> {
  const kiosk = await startTestKiosk({ dataDir: dirs.make(), backend });
  if (stage === 'identify') return kiosk;
  valueOf(await kiosk.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
  if (stage === 'choose_method') return kiosk;
  valueOf(await kiosk.call('code:choose', { method: 'email' }));
  const [message] = await kiosk.waitForMessages(1);
  // The background delivery audits after sending: let it finish so that it does not change the dump later.
  await waitUntil(async () => (await rowsOf<{ event: string }>(kiosk.kiosk.store, 'audit_log')).some((row) => row.event === 'reset.code_sent'), 'the delivery is audited');
  if (stage === 'code_sent') return kiosk;
  valueOf(await kiosk.call('code:verify', { code: codeIn(message!.text) }));
  return kiosk;
}

describeEachBackend('bad input at the IPC boundary', (backend) => {
  for (const stage of ['identify', 'choose_method', 'code_sent', 'new_password'] as const) {
    it(`gets BAD_INPUT and changes nothing in the database or the session (at ${stage})`, async () => {
      t = await atStage(backend, stage);
      // A technician session held in main lets the technician channels reach their schemas (without
      // one the gate answers TECHNICIAN_REQUIRED first: technician-boundary.test.ts).
      t.kiosk.technician.session.open({ id: 1, username: 'desk.demo', displayName: 'Desk' });
      const sessionBefore = valueOf(await t.call('session:get', {}));
      const before = await dumpStore(t.kiosk.store);
      const outbox = t.kiosk.demoOutbox!.messages().length;

      const answers: { channel: string; payload: unknown; result: Result<unknown> }[] = [];
      for (const [channel, payload] of badPayloads()) {
        answers.push({ channel, payload, result: await t.callRaw(channel, payload) });
      }
      const notBadInput = answers.filter((answer) => JSON.stringify(answer.result) !== JSON.stringify({ ok: false, error: { code: 'BAD_INPUT' } }));
      expect(notBadInput.map((answer) => `${answer.channel} ${String(JSON.stringify(answer.payload)).slice(0, 60)}`)).toEqual([]);
      expect(answers.length).toBeGreaterThan(150);

      expect(await dumpStore(t.kiosk.store)).toBe(before);
      expect(valueOf(await t.call('session:get', {}))).toEqual(sessionBefore);
      expect(t.kiosk.demoOutbox!.messages()).toHaveLength(outbox);
    });
  }

  it('gets UNKNOWN_CHANNEL or FORBIDDEN for calls outside the contract or from outside the app, and changes nothing', async () => {
    t = await atStage(backend, 'code_sent');
    const before = await dumpStore(t.kiosk.store);
    for (const channel of ['', 'reset:unlock', 'admin:dump', '__proto__', long, 'journey:begin\u0000']) {
      expect(await t.callRaw(channel, { username: 'amira.khan' })).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    const strangers = [
      { url: 'https://evil.example/', isMainFrame: true },
      { url: appFrame.url, isMainFrame: false },
      { url: 'file:///index.html', isMainFrame: true },
    ];
    for (const sender of strangers) {
      expect(await t.callRaw('code:verify', { code: '12345678' }, sender)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await t.callRaw('session:startOver', {}, sender)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await dumpStore(t.kiosk.store)).toBe(before);
    expect(valueOf(await t.call('session:get', {})).stage).toBe('code_sent');
  });

  it('gets WRONG_STAGE for well-formed input (Unicode included) at the wrong moment, and changes nothing', async () => {
    t = await atStage(backend, 'identify');
    const before = await dumpStore(t.kiosk.store);
    const wellFormedButEarly: [string, unknown][] = [
      ['code:verify', { code: '12345678' }],
      ['code:verify', { code: '1234 56-78' }],
      ['policy:check', { password: 'Pässwörd😀12345' }],
      ['password:set', { password: 'Ωmega12345678', confirmation: 'Ωmega12345678' }],
      ['password:set', { password: long.slice(0, 1024), confirmation: long.slice(0, 1024) }],
      ['code:resend', {}],
      ['code:choose', { method: 'email' }],
    ];
    for (const [channel, payload] of wellFormedButEarly) {
      expect(await t.callRaw(channel, payload), channel).toEqual({ ok: false, error: { code: 'WRONG_STAGE' } });
    }
    expect(await dumpStore(t.kiosk.store)).toBe(before);
  });

  it('treats an unusual but well-formed username like any unknown one, and keeps only its pseudonym', async () => {
    t = await atStage(backend, 'identify');
    const usernames = ['Ωμέγα.χρήστης', '李.小龍', '😀', "o'brien; DROP TABLE accounts;--", 'x'.repeat(256)];
    for (const username of usernames) {
      expect(valueOf(await t.call('journey:begin', { purpose: 'reset', username }))).toEqual({ stage: 'choose_method', purpose: 'reset', methods: ['email', 'sms', 'app'], proof: { number: 1, of: 1 } });
      valueOf(await t.call('code:choose', { method: 'email' }));
      valueOf(await t.call('session:startOver', {}));
    }
    await t.kiosk.close();
    expect(t.kiosk.demoOutbox!.messages()).toEqual([]);
    const tables = await readTables(t.kiosk.config.store, t.env, ['accounts', 'challenges']);
    expect(tables['accounts']).toHaveLength(demoAccounts.length);
    // As a set: challenge ids are random, and PostgreSQL has no rowid to give the insertion order.
    const keys = tables['challenges']!.map((row) => String(row['username_key']));
    expect(keys.sort()).toEqual(usernames.map((username) => t!.kiosk.pseudonym(username)).sort());
    t = undefined;
  });
});
