/**
 * The kiosk window's options as plain data, so the security settings (security.md 19 and 24) are
 * asserted by a Node test instead of trusted to a file that cannot run here. main.ts passes this
 * object to `new BrowserWindow`, where tsc checks it against Electron's own types.
 */
export interface KioskWindowOptions {
  show: boolean;
  kiosk: boolean;
  fullscreen: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  title: string;
  webPreferences: {
    preload: string;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    contextIsolation: true;
    sandbox: true;
    webSecurity: true;
    webviewTag: false;
    allowRunningInsecureContent: false;
    experimentalFeatures: false;
    navigateOnDragDrop: false;
    spellcheck: false;
    safeDialogs: true;
    devTools: boolean;
  };
}

export interface KioskWindowInputs {
  /** Absolute path of the bundled CommonJS preload (dist-electron/preload.cjs). */
  preloadPath: string;
  devTools: boolean;
  title: string;
}

export function kioskWindowOptions({ preloadPath, devTools, title }: KioskWindowInputs): KioskWindowOptions {
  return {
    // Shown on ready-to-show, so a half-painted page never flashes on a public screen.
    show: false,
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    title,
    webPreferences: {
      preload: preloadPath,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // enableBlinkFeatures is deliberately absent: no Blink feature is switched on.
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools,
    },
  };
}

/**
 * DevTools only for a developer's unpackaged run that asks for them; a packaged kiosk never has
 * them, whatever its environment says.
 */
export function devToolsAllowed(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return !isPackaged && env.SSPR_KIOSK_DEVTOOLS === '1';
}
