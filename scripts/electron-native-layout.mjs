// Where the Electron build of better-sqlite3 lives, and whether it must be built. Pure (no I/O of
// its own), shared by scripts/electron-native.mjs and electron/main.ts, tested under plain Node.
// Types: electron-native-layout.d.mts.
import path from 'node:path';

export const ELECTRON_NATIVE_DIR = '.electron-native';
export const BINDING_FILE = 'better_sqlite3.node';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

// An exact version only: it becomes a folder name, so no ranges, separators or dot segments.
const exactVersion = /^\d{1,4}\.\d{1,4}\.\d{1,4}(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?$/;

export function assertElectronVersion(version) {
  if (typeof version !== 'string' || !exactVersion.test(version)) {
    throw new Error(`Not an exact Electron version: ${JSON.stringify(version)} (expected e.g. 45.5.0)`);
  }
  return version;
}

export function electronNativeDir(projectRoot, electronVersion) {
  return path.join(projectRoot, ELECTRON_NATIVE_DIR, assertElectronVersion(electronVersion));
}

export function electronNativeBindingPath(projectRoot, electronVersion) {
  return path.join(electronNativeDir(projectRoot, electronVersion), BINDING_FILE);
}

// Native files cannot be loaded from inside an asar archive; electron-builder's asarUnpack puts
// them beside it in app.asar.unpacked.
export function unpackedAppRoot(appPath) {
  return appPath.replace(/app\.asar([\\/]?)$/, 'app.asar.unpacked$1');
}

export function prebuildInstallArgs(electronVersion, platform, arch) {
  return ['--runtime', 'electron', '--target', assertElectronVersion(electronVersion), '--platform', platform, '--arch', arch, '--verbose'];
}

export function nodeGypArgs(electronVersion, arch) {
  return ['rebuild', '--release', `--target=${assertElectronVersion(electronVersion)}`, `--arch=${arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`];
}

// Skips when the binding is already there (unless forced), so `npm start` costs nothing the second
// time; node_modules/better-sqlite3/build (the Node build `npm test` uses) is never a target.
export function planElectronNativeBuild({ projectRoot, electronVersion, platform, arch, exists, force = false }) {
  const target = electronNativeBindingPath(projectRoot, electronVersion);
  if (!force && exists(target)) return { action: 'skip', target };
  return {
    action: 'build',
    target,
    attempts: [
      { tool: 'prebuild-install', args: prebuildInstallArgs(electronVersion, platform, arch) },
      { tool: 'node-gyp', args: nodeGypArgs(electronVersion, arch) },
    ],
  };
}
