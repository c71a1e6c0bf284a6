import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateNativeBinding } from '../../../electron/native-binding.js';

describe('finding the Electron build of better-sqlite3 at start-up', () => {
  it('uses .electron-native/<version> under the project in an unpackaged run', () => {
    const expected = path.join('/home/dev/sspr-kiosk', '.electron-native', '45.5.0', 'better_sqlite3.node');
    const seen: string[] = [];
    const lookup = locateNativeBinding({
      appPath: '/home/dev/sspr-kiosk',
      electronVersion: '45.5.0',
      isPackaged: false,
      exists: (file) => (seen.push(file), true),
    });
    expect(lookup).toEqual({ ok: true, path: expected });
    expect(seen).toEqual([expected]);
  });

  it('uses app.asar.unpacked in a packaged app', () => {
    const lookup = locateNativeBinding({
      appPath: '/opt/sspr-kiosk/resources/app.asar',
      electronVersion: '45.5.0',
      isPackaged: true,
      exists: () => true,
    });
    expect(lookup).toEqual({
      ok: true,
      path: path.join('/opt/sspr-kiosk/resources/app.asar.unpacked', '.electron-native', '45.5.0', 'better_sqlite3.node'),
    });
  });

  it('explains how to build it when it is missing', () => {
    const lookup = locateNativeBinding({ appPath: '/home/dev/k', electronVersion: '45.5.0', isPackaged: false, exists: () => false });
    expect(lookup.ok).toBe(false);
    if (!lookup.ok) {
      expect(lookup.message).toContain('not built for Electron 45.5.0');
      expect(lookup.message).toContain('node scripts/electron-native.mjs');
    }
  });

  it('refuses a strange Electron version instead of building a path from it', () => {
    const lookup = locateNativeBinding({ appPath: '/k', electronVersion: '../../x', isPackaged: false, exists: () => true });
    expect(lookup).toEqual({ ok: false, message: expect.stringContaining('Not an exact Electron version') });
  });
});
