import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isExecutable } from './executables.js';

/** The PostgreSQL server programs the test harness runs. */
export interface PostgresBinaries {
  binDir: string;
  initdb: string;
  postgres: string;
}

export interface FindPostgresOptions {
  /** A folder holding initdb and postgres; wins over everything else. Default: $SSPR_POSTGRES_BIN_DIR. */
  binDir?: string;
  /** Where Debian installs one folder per major version. Default: /usr/lib/postgresql. */
  versionsRoot?: string;
  /** The PATH to search last. Default: $PATH. */
  searchPath?: string;
}

export class PostgresNotInstalledError extends Error {
  override name = 'PostgresNotInstalledError';
}

/**
 * Finds initdb and postgres. Debian keeps the server programs in /usr/lib/postgresql/<major>/bin and
 * puts only client wrappers on PATH (no initdb, no postgres there), possibly for several majors at
 * once: the newest wins. Other systems (Fedora, Arch, Homebrew) put them on PATH, searched last.
 */
export function findPostgresBinaries(options: FindPostgresOptions = {}): PostgresBinaries {
  const explicit = options.binDir ?? process.env.SSPR_POSTGRES_BIN_DIR;
  if (explicit) {
    const found = binariesIn(explicit);
    if (!found) throw new PostgresNotInstalledError(`No initdb and postgres programs in ${explicit} (the folder given for the PostgreSQL server).`);
    return found;
  }
  const versionsRoot = options.versionsRoot ?? '/usr/lib/postgresql';
  for (const version of installedVersions(versionsRoot)) {
    const found = binariesIn(path.join(versionsRoot, version, 'bin'));
    if (found) return found;
  }
  for (const dir of (options.searchPath ?? process.env.PATH ?? '').split(path.delimiter)) {
    const found = dir ? binariesIn(dir) : undefined;
    if (found) return found;
  }
  throw new PostgresNotInstalledError(
    `PostgreSQL server programs (initdb, postgres) not found in ${versionsRoot}/<major>/bin or on PATH. ` +
      'Install them (Debian: apt-get install -y postgresql, as .ci/run does) or set SSPR_POSTGRES_BIN_DIR to their folder.',
  );
}

/** Version folders, newest first: "15" before "13" before "9.6". */
function installedVersions(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const parts = (name: string) => name.split('.').map(Number);
  return names
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => {
      const [aMajor = 0, aMinor = 0] = parts(a);
      const [bMajor = 0, bMinor = 0] = parts(b);
      return bMajor - aMajor || bMinor - aMinor;
    });
}

function binariesIn(binDir: string): PostgresBinaries | undefined {
  const initdb = path.join(binDir, 'initdb');
  const postgres = path.join(binDir, 'postgres');
  return isExecutable(initdb) && isExecutable(postgres) ? { binDir, initdb, postgres } : undefined;
}
