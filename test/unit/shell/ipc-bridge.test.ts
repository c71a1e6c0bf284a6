import { describe, expect, it } from 'vitest';
import { channels } from '../../../shared/ipc/contract.js';
import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import type { SenderInfo } from '../../../electron/core/ipc/sender.js';
import {
  registerIpc,
  senderInfoOf,
  type FrameLike,
  type InvokeEventLike,
  type InvokeListener,
  type IpcMainLike,
} from '../../../electron/ipc-bridge.js';

/** Records handlers the way Electron's ipcMain does: one per channel, a second one is an error. */
function fakeIpcMain() {
  const handlers = new Map<string, InvokeListener>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const invoke = (channel: string, event: InvokeEventLike, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  };
  return { ipcMain, handlers, invoke };
}

interface RouterCall {
  channel: string;
  sender: SenderInfo;
  raw: unknown;
  argumentCount: number;
}

function recordingRouter(answer: (channel: string) => Promise<Result<unknown>> = async (channel) => ok({ channel })) {
  const calls: RouterCall[] = [];
  return {
    calls,
    router: {
      handle(...args: unknown[]) {
        const [channel, sender, raw] = args as [string, SenderInfo, unknown];
        calls.push({ channel, sender, raw, argumentCount: args.length });
        return answer(channel);
      },
    },
  };
}

function mainFrame(url = 'app://kiosk/index.html'): FrameLike {
  const frame: { url: string; top: FrameLike | null; parent: FrameLike | null } = { url, top: null, parent: null };
  frame.top = frame;
  return frame;
}

function childFrame(top: FrameLike, url = 'app://kiosk/frame.html'): FrameLike {
  return { url, top, parent: top };
}

describe('registerIpc', () => {
  it('registers exactly one handler for every channel of the contract', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, recordingRouter().router, channels);
    expect([...handlers.keys()].sort()).toEqual([...channels].sort());
    expect(channels).toContain('password:set');
  });

  it('hands the router the channel, the calling frame and the payload untouched', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { router, calls } = recordingRouter();
    registerIpc(ipcMain, router, channels);
    const payload = { password: 'Correct Horse 1', confirmation: 'Correct Horse 1', extra: { nested: [1, 2] } };

    const result = await invoke('password:set', { senderFrame: mainFrame() }, payload);

    expect(result).toEqual(ok({ channel: 'password:set' }));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.channel).toBe('password:set');
    expect(calls[0]?.sender).toEqual({ url: 'app://kiosk/index.html', isMainFrame: true });
    expect(calls[0]?.raw).toBe(payload);
    expect(payload).toEqual({ password: 'Correct Horse 1', confirmation: 'Correct Horse 1', extra: { nested: [1, 2] } });
  });

  it('never passes the Electron event on: the router gets three plain arguments', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { router, calls } = recordingRouter();
    registerIpc(ipcMain, router, channels);
    const event = { senderFrame: mainFrame(), sender: { send: () => undefined }, reply: () => undefined };

    await invoke('session:get', event, {}, 'a second argument the renderer should not be able to smuggle in');

    expect(calls[0]?.argumentCount).toBe(3);
    expect(Object.keys(calls[0]?.sender ?? {}).sort()).toEqual(['isMainFrame', 'url']);
    expect(calls[0]?.raw).toEqual({});
  });

  it('passes an undefined payload through as undefined, for the router to refuse', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { router, calls } = recordingRouter();
    registerIpc(ipcMain, router, channels);
    await invoke('kiosk:info', { senderFrame: mainFrame() });
    expect(calls[0]?.raw).toBeUndefined();
  });

  it('answers FORBIDDEN without calling the router when the sender frame is missing', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { router, calls } = recordingRouter();
    registerIpc(ipcMain, router, channels);

    expect(await invoke('journey:begin', { senderFrame: null }, { purpose: 'reset', username: 'jdoe' })).toEqual(fail('FORBIDDEN'));
    expect(await invoke('journey:begin', { senderFrame: undefined }, { purpose: 'reset', username: 'jdoe' })).toEqual(fail('FORBIDDEN'));
    expect(calls).toHaveLength(0);
  });

  it('answers FORBIDDEN when the frame was disposed and reading it throws', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { router, calls } = recordingRouter();
    registerIpc(ipcMain, router, channels);
    const disposed = {
      get senderFrame(): FrameLike {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(await invoke('session:get', disposed, {})).toEqual(fail('FORBIDDEN'));
    expect(calls).toHaveLength(0);
  });

  it('reports a call from an iframe as not the main frame, so the router can refuse it', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { router, calls } = recordingRouter(async () => fail('FORBIDDEN'));
    registerIpc(ipcMain, router, channels);
    const top = mainFrame();

    const result = await invoke('journey:begin', { senderFrame: childFrame(top, 'app://kiosk/embedded.html') }, { purpose: 'reset', username: 'jdoe' });

    expect(calls[0]?.sender).toEqual({ url: 'app://kiosk/embedded.html', isMainFrame: false });
    expect(result).toEqual(fail('FORBIDDEN'));
  });

  it('passes a foreign URL through unchanged so the router can compare origins', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { router, calls } = recordingRouter();
    registerIpc(ipcMain, router, channels);
    await invoke('kiosk:info', { senderFrame: mainFrame('https://evil.example/') }, {});
    expect(calls[0]?.sender).toEqual({ url: 'https://evil.example/', isMainFrame: true });
  });

  it('turns a router that throws into an INTERNAL result and reports only the channel and error', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const boom = new Error('database is locked');
    const reported: unknown[][] = [];
    registerIpc(ipcMain, { handle: async () => Promise.reject(boom) }, channels, {
      onUnexpectedError: (...args) => reported.push(args),
    });

    const result = await invoke('code:verify', { senderFrame: mainFrame() }, { code: '123456' });

    expect(result).toEqual(fail('INTERNAL'));
    expect(reported).toEqual([['code:verify', boom]]);
    expect(JSON.stringify(reported)).not.toContain('123456');
  });

  it('tells main about each answer the router gave, without the payload, before the page gets it', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { router } = recordingRouter(async (channel) => (channel === 'code:verify' ? fail('CODE_WRONG') : ok({ channel })));
    const answered: unknown[][] = [];
    registerIpc(ipcMain, router, channels, { onAnswered: (...args) => answered.push(args) });

    await invoke('session:startOver', { senderFrame: mainFrame() }, {});
    await invoke('code:verify', { senderFrame: mainFrame() }, { code: '123456' });
    await invoke('session:get', { senderFrame: null }, {});

    expect(answered).toEqual([
      ['session:startOver', ok({ channel: 'session:startOver' })],
      ['code:verify', fail('CODE_WRONG')],
    ]);
    expect(JSON.stringify(answered)).not.toContain('123456');
  });

  it('removes every handler again when unregistered', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const unregister = registerIpc(ipcMain, recordingRouter().router, channels);
    unregister();
    expect(handlers.size).toBe(0);
  });
});

describe('senderInfoOf', () => {
  it('treats a frame without a parent as the main frame even if top is not the same object', () => {
    expect(senderInfoOf({ senderFrame: { url: 'app://kiosk/index.html', top: null, parent: null } })).toEqual({
      url: 'app://kiosk/index.html',
      isMainFrame: true,
    });
  });

  it('treats a nested iframe as not the main frame', () => {
    const top = mainFrame();
    const middle = childFrame(top);
    expect(senderInfoOf({ senderFrame: { url: 'app://kiosk/deep.html', top, parent: middle } })?.isMainFrame).toBe(false);
  });
});
