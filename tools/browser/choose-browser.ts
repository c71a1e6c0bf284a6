import path from 'node:path';

/**
 * Which Chromium the preview host and the browser tests drive, decided from the environment alone (no
 * I/O here, so every case is unit-tested): CHROMIUM_PATH if set; else the system's Chromium; else the
 * headless Chromium inside the npm package @sparticuz/chromium, so `npm install && npm test` needs no
 * `apt-get install chromium`. SSPR_BROWSER=system|bundled forces one of the last two.
 */

export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'bundled';

export interface BrowserEnv {
  CHROMIUM_PATH?: string | undefined;
  SSPR_BROWSER?: string | undefined;
  PATH?: string | undefined;
}

export type BrowserChoice =
  | { kind: 'executable'; source: 'CHROMIUM_PATH' | 'system'; executablePath: string }
  | { kind: 'bundled' }
  | { kind: 'none'; message: string };

/** Debian's path first (the one CI installs), then the usual names on PATH. */
export const systemChromiumNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;
export const debianChromium = '/usr/bin/chromium';

export const forceHint = 'force one with SSPR_BROWSER=system|bundled or CHROMIUM_PATH=/path/to/chrome';

export function systemChromiumCandidates(pathVariable: string | undefined): string[] {
  const dirs = (pathVariable ?? '').split(path.delimiter).filter((dir) => path.isAbsolute(dir));
  const candidates = [debianChromium, ...systemChromiumNames.flatMap((name) => dirs.map((dir) => path.join(dir, name)))];
  return [...new Set(candidates)];
}

export function chooseBrowser(
  env: BrowserEnv,
  isExecutable: (file: string) => boolean,
  platform: NodeJS.Platform = process.platform,
): BrowserChoice {
  const forced = (env.SSPR_BROWSER ?? '').trim() || 'auto';
  if (forced !== 'auto' && forced !== 'system' && forced !== 'bundled')
    return { kind: 'none', message: `SSPR_BROWSER must be "system" or "bundled" (got "${forced}").` };

  const explicit = (env.CHROMIUM_PATH ?? '').trim();
  if (explicit !== '') {
    // Two settings that disagree would make a run's browser a guess.
    if (forced !== 'auto') return { kind: 'none', message: 'Set either CHROMIUM_PATH or SSPR_BROWSER, not both.' };
    if (!isExecutable(explicit)) return { kind: 'none', message: `CHROMIUM_PATH=${explicit} is not an executable file.` };
    return { kind: 'executable', source: 'CHROMIUM_PATH', executablePath: explicit };
  }

  if (forced !== 'bundled') {
    const candidates = systemChromiumCandidates(env.PATH);
    const found = candidates.find((file) => isExecutable(file));
    if (found !== undefined) return { kind: 'executable', source: 'system', executablePath: found };
    if (forced === 'system')
      return { kind: 'none', message: `SSPR_BROWSER=system, but no system Chromium was found (looked for ${candidates.join(', ')}).` };
  }

  // The package ships Linux x64/arm64 builds only.
  if (platform !== 'linux')
    return {
      kind: 'none',
      message: `No system Chromium was found, and the bundled one (@sparticuz/chromium) runs on Linux only: set CHROMIUM_PATH to Chrome or Chromium.`,
    };
  return { kind: 'bundled' };
}
