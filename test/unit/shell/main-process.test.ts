import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../../shared/ipc/contract.js';
import { APP_CONTENT_SECURITY_POLICY } from '../../../electron/app-protocol.js';
import { kioskWindowOptions } from '../../../electron/window-options.js';
import type * as FakeElectron from './fake-electron.js';
import { demoTechnician } from '../../../electron/core/demo/demo-technician.js';
import { appCodeAt } from '../../support/authenticator-app.js';

/**
 * The real electron/main.ts, run under Node against a fake `electron` module (the binary cannot be
 * downloaded here): the kiosk core, SQLite, argon2 and the protocol handler behind it are all real.
 */
vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

const requireFromHere = createRequire(import.meta.url);
const nodeBuildOfSqlite = path.join(
  path.dirname(requireFromHere.resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);

let scratch: string;
let appPath: string;
const originalArgv = process.argv;
const versions = process.versions as Record<string, string | undefined>;
const originalTmp = process.env.TMPDIR;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'sspr-main-process-'));
  appPath = path.join(scratch, 'app');
  mkdirSync(path.join(appPath, 'dist', 'renderer', 'assets'), { recursive: true });
  writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Kiosk</title>');
  writeFileSync(path.join(appPath, 'dist', 'renderer', 'assets', 'app.js'), 'void 0;');
  writeFileSync(path.join(scratch, 'outside.txt'), 'not for the page');
  // Under Node the "Electron build" is the Node build: a link, so main's lookup finds it where it looks.
  const electronNative = path.join(appPath, '.electron-native', '45.5.0');
  mkdirSync(electronNative, { recursive: true });
  symlinkSync(nodeBuildOfSqlite, path.join(electronNative, 'better_sqlite3.node'));
  // Electron's typings make this read-only; in Node it is an ordinary property main.ts reads.
  versions.electron = '45.5.0';
});

afterAll(() => {
  delete versions.electron;
  rmSync(scratch, { recursive: true, force: true });
});

afterEach(() => {
  process.argv = originalArgv;
  if (originalTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = originalTmp;
});

/** Loads main.ts afresh, as Electron would on launch, and returns the fake it talked to. */
async function launch(options: { argv?: string[]; appPath?: string; singleInstance?: boolean } = {}) {
  vi.resetModules();
  const electron: typeof FakeElectron = await import('./fake-electron.js');
  electron.resetFakeElectron(options.appPath ?? appPath);
  electron.state.singleInstance = options.singleInstance ?? true;
  process.argv = [originalArgv[0]!, '.', ...(options.argv ?? [])];
  // The demo folder is made under os.tmpdir(): point it somewhere the test can watch.
  const tmp = mkdtempSync(path.join(scratch, 'tmp-'));
  process.env.TMPDIR = tmp;
  await import('../../../electron/main.js');
  return { electron, state: electron.state, tmp };
}

const mainFrameEvent = (url = 'app://kiosk/index.html') => {
  const frame: { url: string; top: unknown; parent: unknown } = { url, top: null, parent: null };
  frame.top = frame;
  return { senderFrame: frame };
};

describe('electron/main.ts in demo mode', () => {
  let launched: Awaited<ReturnType<typeof launch>>;

  beforeAll(async () => {
    launched = await launch();
    await vi.waitFor(() => expect(launched.state.windows[0]?.loadedUrls).toEqual(['app://kiosk/index.html']), {
      timeout: 30_000,
    });
  });

  it('registers app:// as a standard, secure scheme before the app is ready', () => {
    const { calls, schemes } = launched.state;
    expect(schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('app.whenReady'));
    expect(calls).toContain('app.enableSandbox');
    expect(calls).toContain('app.requestSingleInstanceLock');
  });

  it('asks the OS keyring (safeStorage) only once the app is ready, as Linux requires', () => {
    const { calls } = launched.state;
    expect(calls).toContain('safeStorage.isEncryptionAvailable');
    expect(calls.indexOf('app.whenReady')).toBeLessThan(calls.indexOf('safeStorage.isEncryptionAvailable'));
  });

  it('removes the application menu and its reload/devtools accelerators', () => {
    expect(launched.state.calls).toContain('Menu.setApplicationMenu');
    expect(launched.state.menu).toBeNull();
  });

  it('opens one kiosk window with the hardened options, DevTools off', () => {
    expect(launched.state.windows).toHaveLength(1);
    expect(launched.state.windows[0]!.options).toEqual(
      kioskWindowOptions({
        preloadPath: path.join(appPath, 'dist-electron', 'preload.cjs'),
        devTools: false,
        title: launched.state.windows[0]!.options.title as string,
      }),
    );
  });

  it('shows the window only when it is ready to show', () => {
    const window = launched.state.windows[0]!;
    expect(window.count('ready-to-show')).toBe(1);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('answers IPC from the kiosk page through the real router', async () => {
    expect([...launched.state.ipcHandlers.keys()].sort()).toEqual([...channels].sort());
    const info = await launched.state.ipcHandlers.get('kiosk:info')!(mainFrameEvent(), {});
    expect(info).toMatchObject({ ok: true, value: { demo: true } });
    const session = await launched.state.ipcHandlers.get('session:get')!(mainFrameEvent(), {});
    expect(session).toEqual({ ok: true, value: { stage: 'identify' } });
  });

  it('refuses IPC from an iframe, a foreign page, a vanished frame and bad payloads', async () => {
    const handler = launched.state.ipcHandlers.get('journey:begin')!;
    const top = mainFrameEvent().senderFrame;
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } };
    expect(await handler({ senderFrame: { url: 'app://kiosk/index.html', top, parent: top } }, { username: 'jdoe' })).toEqual(
      forbidden,
    );
    expect(await handler(mainFrameEvent('https://evil.example/'), { username: 'jdoe' })).toEqual(forbidden);
    expect(await handler({ senderFrame: null }, { username: 'jdoe' })).toEqual(forbidden);
    expect(await handler(mainFrameEvent(), { purpose: 'reset', username: 'jdoe', extra: 1 })).toEqual({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('clears the clipboard (and the Linux selection) when a walk-up session ends, as the page cannot', async () => {
    // The page's own clipboard write is refused: every permission is denied, and an idle timeout is no gesture.
    const { state } = launched;
    const startOver = state.ipcHandlers.get('session:startOver')!;
    state.clipboards.clipboard = 'Tx7mQz4kWv9pLr';
    state.clipboards.selection = 'amira.khan';

    expect(await startOver({ senderFrame: null }, {})).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(state.clipboards.clipboard).toBe('Tx7mQz4kWv9pLr');

    expect(await startOver(mainFrameEvent(), {})).toMatchObject({ ok: true, value: { stage: 'identify' } });
    expect(state.clipboards.clipboard).toBe('');
    if (process.platform === 'linux') expect(state.clipboards.selection).toBe('');
  });

  it('serves the renderer over app:// with the CSP, and refuses traversal', async () => {
    const handler = launched.state.protocolHandlers.get('app')!;
    const page = (await handler({ url: 'app://kiosk/index.html', method: 'GET' })) as Response;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Kiosk</title>');

    const escape = (await handler({ url: 'app://kiosk/%2e%2e/%2e%2e/outside.txt', method: 'GET' })) as Response;
    expect(escape.status).toBe(400);
    expect(await escape.text()).toBe('');
  });

  it('denies every permission and cancels every network request', () => {
    const answers: boolean[] = [];
    launched.state.permissionRequestHandler!({}, 'media', (granted: boolean) => answers.push(granted));
    launched.state.permissionRequestHandler!({}, 'notifications', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false, false]);
    expect(launched.state.permissionCheckHandler!({}, 'clipboard-read', 'app://kiosk')).toBe(false);
    expect(launched.state.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);

    const { filter, listener } = launched.state.beforeRequest!;
    expect(filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'file:///*']));
    const decisions: unknown[] = [];
    listener({ url: 'https://tracker.example/' }, (decision: unknown) => decisions.push(decision));
    expect(decisions).toEqual([{ cancel: true }]);
  });

  it('blocks navigation, redirects, new windows and webviews in the kiosk window', () => {
    const contents = launched.state.windows[0]!.webContents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = launched.electron.fakeEvent();
      contents.emit(name, event, 'https://evil.example/');
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('guards web contents created later too, not just the first window', () => {
    const later = new launched.electron.FakeWebContents();
    launched.state.appEvents.emit('web-contents-created', launched.electron.fakeEvent(), later);
    const event = launched.electron.fakeEvent();
    later.emit('will-navigate', event, 'https://evil.example/');
    expect(event.defaultPrevented).toBe(true);
    expect(later.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('swallows reload, DevTools and zoom keys but lets typing through', () => {
    const contents = launched.state.windows[0]!.webContents;
    const press = (input: Record<string, unknown>) => {
      const event = launched.electron.fakeEvent();
      contents.emit('before-input-event', event, { type: 'keyDown', control: false, meta: false, shift: false, alt: false, ...input });
      return event.defaultPrevented;
    };
    expect(press({ key: 'F5', code: 'F5' })).toBe(true);
    expect(press({ key: 'r', code: 'KeyR', control: true })).toBe(true);
    expect(press({ key: 'I', code: 'KeyI', control: true, shift: true })).toBe(true);
    expect(press({ key: '=', code: 'Equal', control: true })).toBe(true);
    expect(press({ key: 'a', code: 'KeyA' })).toBe(false);
    expect(press({ key: 'v', code: 'KeyV', control: true })).toBe(false);
  });

  it('locks pinch zoom once the page has loaded and reloads the page if it crashes', () => {
    const window = launched.state.windows[0]!;
    window.webContents.emit('did-finish-load');
    expect(window.webContents.zoomLimits).toEqual([1, 1]);
    window.webContents.emit('render-process-gone', launched.electron.fakeEvent(), { reason: 'crashed' });
    expect(window.loadedUrls).toEqual(['app://kiosk/index.html', 'app://kiosk/index.html']);
  });

  it('brings the kiosk window back when a second copy is started', () => {
    const window = launched.state.windows[0]!;
    window.minimized = true;
    launched.state.appEvents.emit('second-instance', launched.electron.fakeEvent(), []);
    expect(window.restored).toBe(1);
    expect(window.focused).toBe(1);
  });

  it('leaves kiosk mode only when main allows it: refused for the page alone, app.quit() for a signed-in technician', async () => {
    const { state } = launched;
    const quit = state.ipcHandlers.get('kiosk:quit')!;
    expect(await quit(mainFrameEvent(), {})).toEqual({ ok: false, error: { code: 'QUIT_REFUSED' } });
    expect(await quit(mainFrameEvent(), { pin: '12345678' })).toEqual({ ok: false, error: { code: 'QUIT_REFUSED' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.quitCount).toBe(0);

    const signIn = state.ipcHandlers.get('technician:signIn')!;
    const code = appCodeAt(demoTechnician.totpSecret, new Date());
    expect(await signIn(mainFrameEvent(), { username: demoTechnician.username, password: demoTechnician.password, code })).toMatchObject({
      ok: true,
      value: { signedIn: true },
    });
    expect(await quit(mainFrameEvent(), {})).toEqual({ ok: true, value: { quitting: true } });
    await vi.waitFor(() => expect(state.quitCount).toBeGreaterThanOrEqual(1));
  });

  it('on quit, holds the quit until the kiosk is closed, then removes the demo folder and quits', async () => {
    const demoFolders = () => readdirSync(launched.tmp).filter((name) => name.startsWith('sspr-kiosk-demo-'));
    // The technician's quit above was held (will-quit) until the kiosk had closed, then quit again for real.
    await vi.waitFor(() => expect(launched.state.quitted).toBe(true));

    expect([...launched.state.removedIpcHandlers].sort()).toEqual([...channels].sort());
    expect(demoFolders()).toHaveLength(0);
    expect(launched.state.quitCount).toBe(2);
  });
});

describe('electron/main.ts when it cannot start', () => {
  it('shows a key-by-key message for a bad config file and exits with 1, opening no window', async () => {
    const configPath = path.join(scratch, 'bad-config.yaml');
    writeFileSync(configPath, 'demo: yes please\nkiosk:\n  idleSeconds: 5\n');
    const { state } = await launch({ argv: ['--config', configPath] });

    await vi.waitFor(() => expect(state.exitCodes).toEqual([1]));
    expect(state.errorBoxes).toHaveLength(1);
    expect(state.errorBoxes[0]!.title).toBe('Kiosk configuration is not valid');
    expect(state.errorBoxes[0]!.content).toContain('bad-config.yaml');
    expect(state.errorBoxes[0]!.content).toMatch(/^\s*demo: /m);
    expect(state.errorBoxes[0]!.content).toMatch(/^\s*kiosk\.idleSeconds: /m);
    expect(state.errorBoxes[0]!.content).toMatch(/^\s*branding: /m);
    expect(state.windows).toHaveLength(0);
    expect(state.ipcHandlers.size).toBe(0);
  });

  it('reads the config file named in SSPR_KIOSK_CONFIG', async () => {
    const missing = path.join(scratch, 'no-such-config.yaml');
    process.env.SSPR_KIOSK_CONFIG = missing;
    try {
      const { state } = await launch();
      await vi.waitFor(() => expect(state.exitCodes).toEqual([1]));
      expect(state.errorBoxes[0]!.content).toContain('no-such-config.yaml');
    } finally {
      delete process.env.SSPR_KIOSK_CONFIG;
    }
  });

  it('refuses --config without a file rather than starting the demo', async () => {
    const { state } = await launch({ argv: ['--config'] });
    await vi.waitFor(() => expect(state.exitCodes).toEqual([1]));
    expect(state.errorBoxes[0]!.content).toContain('--config needs a file path');
    expect(state.windows).toHaveLength(0);
  });

  it('explains a missing Electron build of better-sqlite3 instead of crashing on it', async () => {
    const bare = path.join(scratch, 'bare-app');
    mkdirSync(bare, { recursive: true });
    const { state, tmp } = await launch({ appPath: bare });

    await vi.waitFor(() => expect(state.exitCodes).toEqual([1]));
    expect(state.errorBoxes[0]!.title).toBe('Kiosk cannot start');
    expect(state.errorBoxes[0]!.content).toContain('node scripts/electron-native.mjs');
    expect(state.windows).toHaveLength(0);
    expect(existsSync(tmp) && readdirSync(tmp)).toEqual([]);
  });

  it('quits at once when another copy already holds the single-instance lock', async () => {
    const { state } = await launch({ singleInstance: false });
    expect(state.calls).toContain('app.quit');
    expect(state.calls).not.toContain('app.whenReady');
    expect(state.windows).toHaveLength(0);
  });
});
