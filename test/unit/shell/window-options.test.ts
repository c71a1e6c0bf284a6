import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { devToolsAllowed, kioskWindowOptions } from '../../../electron/window-options.js';

const production = kioskWindowOptions({ preloadPath: '/app/dist-electron/preload.cjs', devTools: false, title: 'Kiosk' });

describe('the kiosk window (security.md 19 and 24)', () => {
  it('isolates the page: no Node, context isolation, sandbox, web security', () => {
    expect(production.webPreferences).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
    });
  });

  it('switches off webview, insecure content, experimental and Blink features', () => {
    expect(production.webPreferences.webviewTag).toBe(false);
    expect(production.webPreferences.allowRunningInsecureContent).toBe(false);
    expect(production.webPreferences.experimentalFeatures).toBe(false);
    expect(production.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('is a full-screen kiosk window without a menu bar', () => {
    expect(production).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
  });

  it('loads the bundled CommonJS preload', () => {
    expect(production.webPreferences.preload).toBe('/app/dist-electron/preload.cjs');
  });

  it('has DevTools off unless a developer asked for them', () => {
    expect(production.webPreferences.devTools).toBe(false);
    expect(kioskWindowOptions({ preloadPath: '/p.cjs', devTools: true, title: 'Kiosk' }).webPreferences.devTools).toBe(true);
  });

  it('never turns any security setting off, whatever the inputs', () => {
    for (const devTools of [true, false]) {
      const { webPreferences } = kioskWindowOptions({ preloadPath: '/p.cjs', devTools, title: 'x' });
      expect(webPreferences.sandbox && webPreferences.contextIsolation && webPreferences.webSecurity).toBe(true);
      expect(webPreferences.nodeIntegration || webPreferences.webviewTag || webPreferences.allowRunningInsecureContent).toBe(false);
    }
  });
});

describe('DevTools', () => {
  it('are allowed only in an unpackaged run with SSPR_KIOSK_DEVTOOLS=1', () => {
    expect(devToolsAllowed(false, { SSPR_KIOSK_DEVTOOLS: '1' })).toBe(true);
    expect(devToolsAllowed(false, {})).toBe(false);
    expect(devToolsAllowed(false, { SSPR_KIOSK_DEVTOOLS: 'true' })).toBe(false);
    expect(devToolsAllowed(false, { SSPR_KIOSK_DEVTOOLS: '0' })).toBe(false);
  });

  it('are never allowed in a packaged kiosk', () => {
    expect(devToolsAllowed(true, { SSPR_KIOSK_DEVTOOLS: '1' })).toBe(false);
  });
});

/**
 * main.ts cannot run here (no Electron binary), so its wiring is read as a syntax tree: the checks
 * below fail if someone adds a second window with its own options, opens links externally, or moves
 * the scheme registration after `ready`.
 */
describe('electron/main.ts, read statically', () => {
  const source = ts.createSourceFile(
    'main.ts',
    readFileSync(new URL('../../../electron/main.ts', import.meta.url), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const nodes: ts.Node[] = [];
  const collect = (node: ts.Node) => {
    nodes.push(node);
    ts.forEachChild(node, collect);
  };
  collect(source);
  const calls = (name: string) =>
    nodes.filter(
      (node): node is ts.CallExpression =>
        ts.isCallExpression(node) &&
        (ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : node.expression.getText()) === name,
    );
  const eventHandlers = (name: string) =>
    calls('on').filter((call) => ts.isStringLiteral(call.arguments[0]!) && (call.arguments[0] as ts.StringLiteral).text === name);

  it('creates exactly one BrowserWindow, from kioskWindowOptions(...)', () => {
    const windows = nodes.filter(
      (node): node is ts.NewExpression => ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow',
    );
    expect(windows).toHaveLength(1);
    const argument = windows[0]!.arguments?.[0];
    expect(argument && ts.isCallExpression(argument) && argument.expression.getText()).toBe('kioskWindowOptions');
  });

  it('writes no webPreferences of its own', () => {
    const ownPreferences = nodes.filter(
      (node) => ts.isPropertyAssignment(node) && node.name.getText() === 'webPreferences',
    );
    expect(ownPreferences).toHaveLength(0);
  });

  it('never opens anything externally', () => {
    expect(nodes.some((node) => ts.isIdentifier(node) && node.text === 'openExternal')).toBe(false);
    expect(nodes.some((node) => ts.isIdentifier(node) && node.text === 'shell')).toBe(false);
  });

  it('registers the app scheme as standard and secure at the top level, before ready', () => {
    const [registration] = calls('registerSchemesAsPrivileged');
    expect(registration).toBeDefined();
    expect(registration!.parent.parent).toBe(source);
    const text = registration!.getText();
    expect(text).toContain('standard: true');
    expect(text).toContain('secure: true');
  });

  it('takes the single-instance lock and blocks navigation, redirects, new windows and webviews', () => {
    expect(calls('requestSingleInstanceLock')).toHaveLength(1);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const [handler] = eventHandlers(event);
      expect(handler?.getText(), event).toContain('preventDefault()');
    }
    expect(calls('setWindowOpenHandler')[0]?.getText()).toContain("action: 'deny'");
    expect(eventHandlers('web-contents-created')).toHaveLength(1);
  });

  it('denies every permission request and check', () => {
    expect(calls('setPermissionRequestHandler')[0]?.getText()).toContain('callback(false)');
    expect(calls('setPermissionCheckHandler')[0]?.getText()).toContain('=> false');
  });

  it('filters keyboard shortcuts and loads the UI only from app://', () => {
    expect(eventHandlers('before-input-event')[0]?.getText()).toContain('isBlockedShortcut(input)');
    expect(calls('loadURL').every((call) => call.arguments[0]?.getText() === 'APP_ENTRY_URL')).toBe(true);
    expect(calls('loadFile')).toHaveLength(0);
    // file:// appears only in the list of requests the session cancels.
    const fileUrls = nodes.filter((node) => ts.isStringLiteral(node) && node.text.startsWith('file:'));
    const enclosingCall = (node: ts.Node): ts.CallExpression | undefined =>
      ts.isCallExpression(node) ? node : node.parent === undefined ? undefined : enclosingCall(node.parent);
    expect(fileUrls).toHaveLength(1);
    const blocker = enclosingCall(fileUrls[0]!);
    expect(blocker?.expression.getText()).toBe('kioskSession.webRequest.onBeforeRequest');
    expect(blocker?.getText()).toContain('callback({ cancel: true })');
  });

  it('registers IPC through the bridge only, and closes the kiosk on quit', () => {
    expect(calls('registerIpc')).toHaveLength(1);
    expect(calls('handle').map((call) => call.expression.getText())).toEqual(['protocol.handle']);
    expect(source.getText()).toContain('kiosk.close()');
    expect(eventHandlers('will-quit')).toHaveLength(1);
  });
});
