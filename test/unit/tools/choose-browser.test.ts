import { describe, expect, it } from 'vitest';
import { chooseBrowser, systemChromiumCandidates } from '../../../tools/browser/choose-browser.js';

/** A fake file system: only these files are executable. */
const executables = (...files: string[]) => (file: string) => files.includes(file);
const PATH = '/usr/local/bin:/usr/bin:/bin';

describe('which Chromium a run uses', () => {
  it("takes the system's Chromium when there is one", () => {
    expect(chooseBrowser({ PATH }, executables('/usr/bin/chromium'), 'linux')).toEqual({
      kind: 'executable',
      source: 'system',
      executablePath: '/usr/bin/chromium',
    });
  });

  it('finds chromium-browser or google-chrome on PATH when Debian\'s path is absent', () => {
    expect(chooseBrowser({ PATH }, executables('/usr/local/bin/google-chrome'), 'linux')).toMatchObject({
      source: 'system',
      executablePath: '/usr/local/bin/google-chrome',
    });
    expect(chooseBrowser({ PATH }, executables('/bin/chromium-browser', '/usr/bin/google-chrome'), 'linux')).toMatchObject({
      executablePath: '/bin/chromium-browser',
    });
  });

  it('falls back to the bundled Chromium on Linux when there is none', () => {
    expect(chooseBrowser({ PATH }, executables(), 'linux')).toEqual({ kind: 'bundled' });
  });

  it('says what to do on other systems without Chromium (the bundled build is Linux-only)', () => {
    const choice = chooseBrowser({ PATH }, executables(), 'darwin');
    expect(choice).toMatchObject({ kind: 'none' });
    expect(choice.kind === 'none' && choice.message).toContain('set CHROMIUM_PATH');
  });

  it('CHROMIUM_PATH wins over the system one, and must be an executable', () => {
    const env = { PATH, CHROMIUM_PATH: '/opt/chrome/chrome' };
    expect(chooseBrowser(env, executables('/usr/bin/chromium', '/opt/chrome/chrome'), 'linux')).toEqual({
      kind: 'executable',
      source: 'CHROMIUM_PATH',
      executablePath: '/opt/chrome/chrome',
    });
    expect(chooseBrowser(env, executables('/usr/bin/chromium'), 'linux')).toEqual({
      kind: 'none',
      message: 'CHROMIUM_PATH=/opt/chrome/chrome is not an executable file.',
    });
  });

  it('SSPR_BROWSER=bundled forces the bundled one even with a system Chromium', () => {
    expect(chooseBrowser({ PATH, SSPR_BROWSER: 'bundled' }, executables('/usr/bin/chromium'), 'linux')).toEqual({ kind: 'bundled' });
  });

  it('SSPR_BROWSER=system refuses to fall back to the bundled one', () => {
    const choice = chooseBrowser({ PATH, SSPR_BROWSER: 'system' }, executables(), 'linux');
    expect(choice.kind).toBe('none');
    expect(choice.kind === 'none' && choice.message).toContain('no system Chromium was found (looked for /usr/bin/chromium');
  });

  it('refuses a misspelt SSPR_BROWSER and two settings that disagree', () => {
    expect(chooseBrowser({ PATH, SSPR_BROWSER: 'bundle' }, executables('/usr/bin/chromium'), 'linux')).toEqual({
      kind: 'none',
      message: 'SSPR_BROWSER must be "system" or "bundled" (got "bundle").',
    });
    expect(chooseBrowser({ PATH, SSPR_BROWSER: 'bundled', CHROMIUM_PATH: '/usr/bin/chromium' }, executables('/usr/bin/chromium'), 'linux')).toEqual({
      kind: 'none',
      message: 'Set either CHROMIUM_PATH or SSPR_BROWSER, not both.',
    });
  });

  it('treats empty settings as unset', () => {
    expect(chooseBrowser({ PATH, SSPR_BROWSER: '', CHROMIUM_PATH: ' ' }, executables('/usr/bin/chromium'), 'linux')).toMatchObject({ source: 'system' });
  });

  it('looks at Debian\'s path first, then each name in PATH order, ignoring relative PATH entries', () => {
    expect(systemChromiumCandidates('/a:relative:/b')).toEqual([
      '/usr/bin/chromium',
      '/a/chromium',
      '/b/chromium',
      '/a/chromium-browser',
      '/b/chromium-browser',
      '/a/google-chrome',
      '/b/google-chrome',
      '/a/google-chrome-stable',
      '/b/google-chrome-stable',
    ]);
  });
});
