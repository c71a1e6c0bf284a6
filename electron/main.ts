import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, protocol, safeStorage, session, type WebContents } from 'electron';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { channels } from '../shared/ipc/contract.js';
import { createKiosk } from './core/kiosk.js';
import { loadConfig } from './core/config/load-config.js';
import { createDemoConfig } from './core/config/demo-config.js';
import { guessabilityOptionsFromConfig, loadGuessabilityEngine } from './core/guessability/index.js';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, serveAppRequest } from './app-protocol.js';
import { isBlockedShortcut } from './input-guard.js';
import { registerIpc } from './ipc-bridge.js';
import { createSafeStorageProtector } from './safe-storage-protector.js';
import { resolveConfigSource, startupErrorMessage } from './launch-config.js';
import { locateNativeBinding } from './native-binding.js';
import { createShutdown } from './shutdown.js';
import { devToolsAllowed, kioskWindowOptions } from './window-options.js';

// The thin Electron shell: every decision lives in an Electron-free module tested under Node
// (app-protocol, ipc-bridge, window-options, input-guard, launch-config, native-binding, shutdown).

// Must happen before `ready`: a standard, secure scheme gets an origin, so 'self' in the CSP works.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
app.enableSandbox();

const shutdown = createShutdown((name, error) => console.error(`[shutdown] ${name} failed:`, error));
let kioskWindow: BrowserWindow | null = null;

function fatal(title: string, message: string): void {
  dialog.showErrorBox(title, message);
  // app.exit skips will-quit, so clean up first (e.g. the demo folder).
  void shutdown.run().finally(() => app.exit(1));
}

/** Applied to every web contents Electron creates, so no later window or frame escapes the guards. */
function guardWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
}

function lockDownSession(): void {
  const kioskSession = session.defaultSession;
  kioskSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  kioskSession.setPermissionCheckHandler(() => false);
  kioskSession.setDevicePermissionHandler(() => false);
  // Belt and braces beside the CSP: the page has no business on any network.
  kioskSession.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*', 'ftp://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
}

/**
 * security.md 26: a copied username, code or password must not be left for the next person. The
 * page cannot clear the clipboard itself (every permission, clipboard writes included, is denied,
 * and an idle timeout is no user gesture), so main clears it whenever a session ends.
 */
function clearClipboards(): void {
  clipboard.clear();
  // On Linux, selecting text also fills the primary selection, which a middle click pastes.
  if (process.platform === 'linux') clipboard.selection.clear();
}

function loadKioskConfig() {
  const source = resolveConfigSource(process.argv, process.env);
  if (source.kind === 'invalid') throw new Error(source.message);
  if (source.kind === 'file') return loadConfig(source.path);
  const demoDir = mkdtempSync(path.join(tmpdir(), 'sspr-kiosk-demo-'));
  shutdown.add({ name: 'remove demo folder', run: () => rmSync(demoDir, { recursive: true, force: true }) });
  return createDemoConfig(demoDir);
}

async function start(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null);
  lockDownSession();

  const appPath = app.getAppPath();
  const binding = locateNativeBinding({
    appPath,
    electronVersion: process.versions.electron,
    isPackaged: app.isPackaged,
    exists: existsSync,
  });
  if (!binding.ok) return fatal('Kiosk cannot start', binding.message);

  let config;
  try {
    config = loadKioskConfig();
  } catch (error) {
    return fatal('Kiosk configuration is not valid', startupErrorMessage(error));
  }

  // Throws (and the kiosk does not start) when a list is missing: no start without protection.
  const guessability = loadGuessabilityEngine(guessabilityOptionsFromConfig(config));
  const kiosk = await createKiosk({
    config,
    appOrigin: APP_ORIGIN,
    nativeBinding: binding.path,
    guessability,
    // After `ready`, as safeStorage needs: seals a key file the kiosk creates, and decides whether
    // authenticator secrets can be kept on this machine at all.
    keyProtector: createSafeStorageProtector(safeStorage, process.platform),
    log: (line) => console.log(`[kiosk] ${line}`),
    // However the session ends: start over, the Done screen, the page's idle wipe or main's own.
    onSessionEnded: clearClipboards,
    // Only after a signed-in technician or the admin PIN asked for it (main checked, not the page).
    onQuit: () => app.quit(),
  });
  shutdown.add({ name: 'close kiosk', run: () => kiosk.close() });

  const unregister = registerIpc(ipcMain, kiosk.router, channels, {
    onUnexpectedError: (channel, error) => console.error(`[ipc] ${channel} failed:`, error),
  });
  shutdown.add({ name: 'remove IPC handlers', run: unregister });

  const rendererRoot = path.join(appPath, 'dist', 'renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    const response = await serveAppRequest({ url: request.url, method: request.method }, rendererRoot);
    return new Response(response.body, { status: response.status, headers: response.headers });
  });

  const window = new BrowserWindow(
    kioskWindowOptions({
      preloadPath: path.join(appPath, 'dist-electron', 'preload.cjs'),
      devTools: devToolsAllowed(app.isPackaged, process.env),
      title: config.branding.organisationName,
    }),
  );
  kioskWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    kioskWindow = null;
  });
  // A crashed page must not leave a dead screen in a public place.
  window.webContents.on('render-process-gone', () => void window.loadURL(APP_ENTRY_URL));
  window.webContents.on('did-finish-load', () => void window.webContents.setVisualZoomLevelLimits(1, 1));
  await window.loadURL(APP_ENTRY_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (kioskWindow === null) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // Hold the quit until the database and mail pool are closed, then quit for real.
    if (shutdown.finished) return;
    event.preventDefault();
    void shutdown.run().then(() => app.quit());
  });
  start().catch((error: unknown) => fatal('Kiosk cannot start', startupErrorMessage(error)));
}
