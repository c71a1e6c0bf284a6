import { describe, expect, it } from 'vitest';
import { createIpcRouter, originOf, type IpcHandlers } from '../../../electron/core/ipc/router.js';
import type { SenderInfo } from '../../../electron/core/ipc/sender.js';
import { channels, type Channel } from '../../../shared/ipc/contract.js';
import { fail, ok } from '../../../shared/ipc/result.js';

const appOrigin = 'app://kiosk';
const mainFrame: SenderInfo = { url: 'app://kiosk/index.html', isMainFrame: true };

/** Handlers that only remember that (and with what) they were called. */
function recordingHandlers() {
  const calls: { channel: Channel; input: unknown }[] = [];
  const handler = (channel: Channel) => (input: unknown) => {
    calls.push({ channel, input });
    return ok({ handled: channel }) as never;
  };
  const handlers = Object.fromEntries(channels.map((channel) => [channel, handler(channel)])) as unknown as IpcHandlers;
  return { calls, handlers };
}

function setup() {
  const { calls, handlers } = recordingHandlers();
  const logLines: string[] = [];
  const router = createIpcRouter({ appOrigin, handlers, log: (line) => logLines.push(line) });
  return { router, calls, logLines, handlers };
}

describe('IPC router', () => {
  it('passes a well-formed call from the kiosk page to its handler with the parsed input', async () => {
    const { router, calls } = setup();
    const result = await router.handle('journey:begin', mainFrame, { purpose: 'reset', username: '  amira.khan  ' });
    expect(result).toEqual({ ok: true, value: { handled: 'journey:begin' } });
    // The schema trims, and the handler sees the parsed value, not the raw one.
    expect(calls).toEqual([{ channel: 'journey:begin', input: { purpose: 'reset', username: 'amira.khan' } }]);
  });

  it('answers UNKNOWN_CHANNEL for a channel the contract does not name, without calling anything', async () => {
    const { router, calls } = setup();
    for (const channel of ['reset:begin', '', 'constructor', '__proto__', 'toString', 'JOURNEY:BEGIN']) {
      expect(await router.handle(channel, mainFrame, {})).toEqual(fail('UNKNOWN_CHANNEL'));
    }
    expect(calls).toEqual([]);
  });

  it('refuses a call from another origin as FORBIDDEN', async () => {
    const { router, calls } = setup();
    const foreign = [
      'https://evil.example/index.html',
      'app://kiosk.evil/index.html',
      'app://other/index.html',
      'file:///opt/kiosk/index.html',
      'about:blank',
      'data:text/html,hi',
      '',
      'not a url',
      'app://user:pw@kiosk/index.html',
    ];
    for (const url of foreign) {
      expect(await router.handle('session:get', { url, isMainFrame: true }, {})).toEqual(fail('FORBIDDEN'));
    }
    expect(calls).toEqual([]);
  });

  it('refuses a call from an iframe even on the kiosk origin', async () => {
    const { router, calls } = setup();
    const result = await router.handle('journey:begin', { url: 'app://kiosk/frame.html', isMainFrame: false }, { purpose: 'reset', username: 'amira.khan' });
    expect(result).toEqual(fail('FORBIDDEN'));
    expect(calls).toEqual([]);
  });

  it('answers BAD_INPUT for payloads that do not match the channel schema, and never calls the handler', async () => {
    const { router, calls } = setup();
    const bad: [Channel, unknown][] = [
      ['journey:begin', undefined],
      ['journey:begin', null],
      ['journey:begin', 'amira.khan'],
      ['journey:begin', { username: 'amira.khan' }],
      ['journey:begin', { purpose: 'change', username: 'amira.khan' }],
      ['journey:signIn', { purpose: 'reset', username: 'amira.khan', password: 'Wq3nVb8zHt5kLp' }],
      ['journey:signIn', { purpose: 'change', username: 'amira.khan' }],
      ['journey:begin', { purpose: 'reset', username: '' }],
      ['journey:begin', { purpose: 'reset', username: '   ' }],
      ['journey:begin', { purpose: 'reset', username: 42 }],
      ['journey:begin', { purpose: 'reset', username: 'x'.repeat(10_000) }],
      ['journey:begin', { purpose: 'reset', username: 'amira\u0000khan' }],
      ['journey:begin', { purpose: 'reset', username: 'amira\nkhan' }],
      ['journey:begin', { purpose: 'reset', username: 'amira\ud800' }],
      ['journey:begin', { purpose: 'reset', username: 'amira.khan', extra: true }],
      ['code:choose', { method: 'pigeon' }],
      ['code:verify', { code: 'abcdef' }],
      ['code:verify', { code: '１２３４５６' }],
      ['code:verify', { code: 123456 }],
      ['code:verify', { code: '1'.repeat(10_000) }],
      ['password:set', { password: 'Abcdefgh1234' }],
      ['password:set', { password: '', confirmation: '' }],
      ['password:set', { password: 'Ab1\u0000defghijk', confirmation: 'Ab1\u0000defghijk' }],
      ['password:set', { password: 'x'.repeat(10_000), confirmation: 'x'.repeat(10_000) }],
      ['policy:check', { password: ['Abcdefgh1234'] }],
      ['policy:check', { password: '\udc00Abcdefgh1234' }],
      ['session:get', { sneaky: 1 }],
      ['kiosk:info', []],
    ];
    for (const [channel, payload] of bad) {
      expect(await router.handle(channel, mainFrame, payload), `${channel} ${JSON.stringify(payload)?.slice(0, 40)}`).toEqual(
        fail('BAD_INPUT'),
      );
    }
    expect(calls).toEqual([]);
  });

  it('checks the sender before the payload, so a foreign frame learns nothing about the schema', async () => {
    const { router } = setup();
    const result = await router.handle('journey:begin', { url: 'https://evil.example/', isMainFrame: true }, { username: 42 });
    expect(result).toEqual(fail('FORBIDDEN'));
  });

  it('turns a thrown error into INTERNAL and logs one line without the payload', async () => {
    const { handlers } = recordingHandlers();
    const logLines: string[] = [];
    const router = createIpcRouter({
      appOrigin,
      handlers: {
        ...handlers,
        'password:set': () => {
          throw new Error('database is locked');
        },
      },
      log: (line) => logLines.push(line),
    });
    const secret = 'Tr0ub4dorHorse9';
    const result = await router.handle('password:set', mainFrame, { password: secret, confirmation: secret });
    expect(result).toEqual(fail('INTERNAL'));
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toBe('ipc password:set failed: Error: database is locked');
    expect(logLines.join('\n')).not.toContain(secret);
  });

  it('returns a handler’s own typed error unchanged', async () => {
    const { handlers } = recordingHandlers();
    const router = createIpcRouter({ appOrigin, handlers: { ...handlers, 'demo:inbox': () => fail('NOT_AVAILABLE') } });
    expect(await router.handle('demo:inbox', mainFrame, {})).toEqual(fail('NOT_AVAILABLE'));
  });

  it('works with an https origin as the preview host uses it', async () => {
    const { handlers } = recordingHandlers();
    const router = createIpcRouter({ appOrigin: 'https://kiosk.test', handlers });
    expect((await router.handle('session:get', { url: 'https://kiosk.test/index.html', isMainFrame: true }, {})).ok).toBe(true);
    expect(await router.handle('session:get', { url: 'http://kiosk.test/index.html', isMainFrame: true }, {})).toEqual(fail('FORBIDDEN'));
    expect(await router.handle('session:get', { url: 'https://kiosk.test:8443/', isMainFrame: true }, {})).toEqual(fail('FORBIDDEN'));
  });

  it('refuses to start without a usable app origin', () => {
    const { handlers } = recordingHandlers();
    expect(() => createIpcRouter({ appOrigin: 'kiosk', handlers })).toThrow(/appOrigin/);
  });
});

describe('originOf', () => {
  it('gives scheme://host for the privileged app:// scheme, which WHATWG URL reports as "null"', () => {
    expect(originOf('app://kiosk/index.html')).toBe('app://kiosk');
    expect(originOf('APP://Kiosk/x')).toBe('app://kiosk');
    expect(originOf('https://kiosk.test/a?b#c')).toBe('https://kiosk.test');
    expect(originOf('file:///index.html')).toBeNull();
    expect(originOf('garbage')).toBeNull();
  });
});
