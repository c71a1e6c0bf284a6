import { electronNativeBindingPath, unpackedAppRoot } from '../scripts/electron-native-layout.mjs';

/**
 * Finds the Electron build of better-sqlite3 that scripts/electron-native.mjs made, so the kiosk
 * never loads the Node build in node_modules (a different ABI: it would crash on open).
 */
export type NativeBindingLookup = { ok: true; path: string } | { ok: false; message: string };

export function locateNativeBinding(options: {
  appPath: string;
  electronVersion: string;
  isPackaged: boolean;
  exists: (filePath: string) => boolean;
}): NativeBindingLookup {
  let bindingPath: string;
  try {
    bindingPath = electronNativeBindingPath(unpackedAppRoot(options.appPath), options.electronVersion);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (options.exists(bindingPath)) return { ok: true, path: bindingPath };
  const fix = options.isPackaged
    ? 'This package was built without it: run `node scripts/electron-native.mjs` before `npm run dist`.'
    : 'Run `node scripts/electron-native.mjs` (needs the internet once), or start with `npm start`, which does it.';
  return {
    ok: false,
    message: `The database driver (better-sqlite3) is not built for Electron ${options.electronVersion}: ${bindingPath} is missing.\n${fix}`,
  };
}
