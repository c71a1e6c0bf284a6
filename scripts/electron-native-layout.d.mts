export declare const ELECTRON_NATIVE_DIR: '.electron-native';
export declare const BINDING_FILE: 'better_sqlite3.node';
export declare const ELECTRON_HEADERS_URL: 'https://electronjs.org/headers';

/** Returns the version unchanged, or throws when it is not an exact version (e.g. a range or a path). */
export declare function assertElectronVersion(version: unknown): string;
export declare function electronNativeDir(projectRoot: string, electronVersion: string): string;
export declare function electronNativeBindingPath(projectRoot: string, electronVersion: string): string;
export declare function unpackedAppRoot(appPath: string): string;
export declare function prebuildInstallArgs(electronVersion: string, platform: string, arch: string): string[];
export declare function nodeGypArgs(electronVersion: string, arch: string): string[];

export type NativeBuildTool = 'prebuild-install' | 'node-gyp';

export type ElectronNativePlan =
  | { action: 'skip'; target: string }
  | { action: 'build'; target: string; attempts: { tool: NativeBuildTool; args: string[] }[] };

export declare function planElectronNativeBuild(options: {
  projectRoot: string;
  electronVersion: string;
  platform: string;
  arch: string;
  exists: (filePath: string) => boolean;
  force?: boolean;
}): ElectronNativePlan;
