/**
 * A stand-in for the parts of the `electron` module that electron/main.ts touches, for running the
 * real main.ts under Node (the Electron binary cannot be downloaded here). It records what main does
 * and lets a test play Electron's part: emit app and web-contents events, call IPC and protocol
 * handlers, quit. It mimics Electron's documented behaviour only as far as main.ts relies on it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- plays Electron's untyped event bus; tests narrow what they read
type Listener = (...args: any[]) => any;

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(extra: Record<string, unknown> = {}): FakeEvent & Record<string, unknown> {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
    ...extra,
  };
}

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener) {
    const wrapped: Listener = (...args) => {
      this.listeners.set(name, (this.listeners.get(name) ?? []).filter((item) => item !== wrapped));
      return listener(...args);
    };
    return this.on(name, wrapped);
  }
  emit(name: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
  count(name: string) {
    return this.listeners.get(name)?.length ?? 0;
  }
}

export class FakeWebContents extends Emitter {
  windowOpenHandler: Listener | null = null;
  zoomLimits: [number, number] | null = null;
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  setVisualZoomLevelLimits(min: number, max: number) {
    this.zoomLimits = [min, max];
    return Promise.resolve();
  }
}

function freshState() {
  return {
    /** Every call main makes into Electron, in order, by name. */
    calls: [] as string[],
    appPath: '',
    isPackaged: false,
    singleInstance: true,
    schemes: [] as unknown[],
    menu: undefined as unknown,
    windows: [] as FakeBrowserWindow[],
    ipcHandlers: new Map<string, Listener>(),
    removedIpcHandlers: [] as string[],
    protocolHandlers: new Map<string, Listener>(),
    errorBoxes: [] as Array<{ title: string; content: string }>,
    exitCodes: [] as number[],
    quitCount: 0,
    /** True once a quit got through will-quit without being held. */
    quitted: false,
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    devicePermissionHandler: null as Listener | null,
    beforeRequest: null as { filter: { urls: string[] }; listener: Listener } | null,
    /** What the system clipboards hold, by Electron's clipboard type. */
    clipboards: { clipboard: '', selection: '' } as Record<'clipboard' | 'selection', string>,
    appEvents: new Emitter(),
  };
}

type FakeState = ReturnType<typeof freshState>;

/**
 * One state per process, not per module instance: vi.resetModules() re-evaluates this file for the
 * test while main.ts keeps the instance the `electron` mock handed it.
 */
const holder = globalThis as typeof globalThis & { __fakeElectronState?: FakeState };
export const state: FakeState = (holder.__fakeElectronState ??= freshState());

export function resetFakeElectron(appPath: string): void {
  Object.assign(state, freshState(), { appPath });
}

export class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  shown = false;
  focused = 0;
  minimized = false;
  restored = 0;
  constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
    super();
    state.calls.push('new BrowserWindow');
    state.windows.push(this);
    // Electron announces every new web contents on the app before anything is loaded into it.
    state.appEvents.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadURL(url: string) {
    state.calls.push(`loadURL ${url}`);
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  focus() {
    this.focused += 1;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.restored += 1;
  }
}

function quit() {
  state.calls.push('app.quit');
  state.quitCount += 1;
  const event = fakeEvent();
  state.appEvents.emit('will-quit', event);
  if (!event.defaultPrevented) state.quitted = true;
}

export const app = {
  on: (name: string, listener: Listener) => {
    state.calls.push(`app.on ${name}`);
    state.appEvents.on(name, listener);
    return app;
  },
  enableSandbox: () => void state.calls.push('app.enableSandbox'),
  requestSingleInstanceLock: () => (state.calls.push('app.requestSingleInstanceLock'), state.singleInstance),
  whenReady: () => (state.calls.push('app.whenReady'), Promise.resolve()),
  getAppPath: () => state.appPath,
  get isPackaged() {
    return state.isPackaged;
  },
  quit,
  exit: (code: number) => {
    state.calls.push(`app.exit ${code}`);
    state.exitCodes.push(code);
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => {
    state.calls.push('protocol.registerSchemesAsPrivileged');
    state.schemes.push(...schemes);
  },
  handle: (scheme: string, handler: Listener) => {
    state.calls.push(`protocol.handle ${scheme}`);
    state.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle: (channel: string, listener: Listener) => {
    if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.ipcHandlers.set(channel, listener);
  },
  removeHandler: (channel: string) => {
    state.ipcHandlers.delete(channel);
    state.removedIpcHandlers.push(channel);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: Listener) => (state.permissionRequestHandler = handler),
    setPermissionCheckHandler: (handler: Listener) => (state.permissionCheckHandler = handler),
    setDevicePermissionHandler: (handler: Listener) => (state.devicePermissionHandler = handler),
    webRequest: {
      onBeforeRequest: (filter: { urls: string[] }, listener: Listener) => (state.beforeRequest = { filter, listener }),
    },
  },
};

export const dialog = {
  showErrorBox: (title: string, content: string) => {
    state.calls.push('dialog.showErrorBox');
    state.errorBoxes.push({ title, content });
  },
};

export const Menu = {
  setApplicationMenu: (menu: unknown) => {
    state.calls.push('Menu.setApplicationMenu');
    state.menu = menu;
  },
};

/** Like Electron's: `selection` is the Linux primary selection, with the same methods. */
function fakeClipboard(type: 'clipboard' | 'selection') {
  return {
    writeText: (text: string) => {
      state.clipboards[type] = text;
      return Promise.resolve();
    },
    clear: () => {
      state.calls.push(`clipboard.clear ${type}`);
      state.clipboards[type] = '';
    },
  };
}

export const clipboard = { ...fakeClipboard('clipboard'), selection: fakeClipboard('selection') };

export const BrowserWindow = FakeBrowserWindow;

/** A keyring that really transforms the bytes (reversed text), reporting GNOME's backend. */
export const safeStorage = {
  isEncryptionAvailable: () => {
    state.calls.push('safeStorage.isEncryptionAvailable');
    return true;
  },
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text: string) => Buffer.from([...text].reverse().join(''), 'utf8'),
  decryptString: (data: Buffer) => [...data.toString('utf8')].reverse().join(''),
};

export const electronModule = { app, protocol, ipcMain, session, dialog, Menu, BrowserWindow, clipboard, safeStorage };
