import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyProtector, RandomSource } from '../ports.js';
import { DeploymentKeyError } from './deployment-key-error.js';
import { fileKeyProtector } from './file-key-protector.js';
import { isSealedKeyText, openSealedKeyText, sealedKeyText } from './sealed-key-file.js';

/** 256 bits: every derived key (code HMAC, name pseudonyms, audit chain) is an HMAC-SHA256 key. */
export const deploymentKeyBytes = 32;

export type DeploymentKeySource =
  | { kind: 'env'; variable: string }
  | { kind: 'file'; path: string; createIfMissing: boolean }
  | { kind: 'ephemeral' };

/**
 * The one secret a deployment keeps outside its database: a copy of the database alone must not let
 * anyone test code guesses, reverse name pseudonyms or re-seal an edited audit chain. Every kiosk
 * sharing one database needs the same key, given as a file or an environment variable on each
 * kiosk (base64 or hex of 32 random bytes, as `npm run admin -- keys generate` prints).
 * Under Electron, a key file the kiosk creates itself is sealed by the OS keyring (`protector`); a
 * plain file still reads, so a key provisioned by an admin (e.g. shared by kiosks) keeps working.
 */
export function loadDeploymentKey(
  source: DeploymentKeySource,
  env: Record<string, string | undefined>,
  random: RandomSource,
  protector: KeyProtector = fileKeyProtector,
): Buffer {
  switch (source.kind) {
    case 'ephemeral':
      return random.bytes(deploymentKeyBytes);
    case 'env': {
      const text = env[source.variable];
      if (text === undefined || text.trim() === '') {
        throw new DeploymentKeyError(`secrets.keyEnv: the environment variable ${source.variable} is not set (it must hold the deployment key)`);
      }
      return decodeKey(text, `the environment variable ${source.variable}`);
    }
    case 'file': {
      if (!existsSync(source.path)) {
        if (!source.createIfMissing) throw new DeploymentKeyError(`secrets.keyFile: ${source.path} does not exist`);
        return createKeyFile(source.path, random, protector);
      }
      assertPrivate(source.path);
      let text: string;
      try {
        text = readFileSync(source.path, 'utf8');
      } catch (error) {
        throw new DeploymentKeyError(`secrets.keyFile: ${source.path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      return readKeyText(text, source.path, protector);
    }
  }
}

function readKeyText(text: string, where: string, protector: KeyProtector): Buffer {
  return isSealedKeyText(text) ? openSealedKeyText(text, where, protector) : decodeKey(text, where);
}

export function encodeKey(key: Buffer): string {
  return key.toString('base64');
}

function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  // Buffer.from(base64) ignores junk silently; re-encoding tells a real key from a mistyped one.
  const isBase64 = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) && key.toString('base64').replace(/=+$/, '') === trimmed.replace(/=+$/, '');
  if (key.length !== deploymentKeyBytes || !(isBase64 || /^[0-9a-fA-F]{64}$/.test(trimmed))) {
    throw new DeploymentKeyError(`${where} does not hold a deployment key (expected 32 bytes as base64 or 64 hex digits)`);
  }
  return key;
}

/**
 * Written whole to a private temporary file, flushed, then linked into place: a crash or power cut
 * leaves either no key file or a complete one, never an empty file the next start would refuse, and a
 * key another process linked a moment earlier is never overwritten (link fails if the name exists).
 */
function createKeyFile(path: string, random: RandomSource, protector: KeyProtector): Buffer {
  const key = random.bytes(deploymentKeyBytes);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      // Sealed only by a keyring that really protects it; with a refusal (e.g. Linux basic_text) a
      // "sealed" file would only pretend, so it is written plain and the 0600 mode protects it.
      writeSync(fd, protector.seals && protector.refusal === null ? sealedKeyText(key, protector) : `${encodeKey(key)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && existsSync(path)) return readKeyText(readFileSync(path, 'utf8'), path, protector);
    throw new DeploymentKeyError(`secrets.keyFile: ${path} cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    rmSync(temporary, { force: true });
  }
  return key;
}

/** A key file others can read is a key others have: refuse it rather than guess intent. */
function assertPrivate(path: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new DeploymentKeyError(
      `secrets.keyFile: ${path} can be read by other users (mode ${mode.toString(8)}); run chmod 600 on it`,
    );
  }
}
