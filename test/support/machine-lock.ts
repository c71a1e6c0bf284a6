import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isProcessAlive } from './process-alive.js';

/** A lock held by this process until `release()`. */
export interface MachineLock {
  release(): void;
}

/**
 * An exclusive lock across processes on this machine, for a resource only one test may use at a time
 * (Samba's fixed LDAP ports): a file created with O_EXCL that holds the owner's pid. A lock whose pid
 * is dead (a killed test run) is stale and removed. Waits, polling, up to `timeoutMs`.
 */
export async function acquireMachineLock(name: string, timeoutMs: number): Promise<MachineLock> {
  const file = path.join(os.tmpdir(), `sspr-${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fd = tryCreate(file);
    if (fd !== undefined) {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const releaseOnExit = () => removeIfOwner(file, String(process.pid));
      process.once('exit', releaseOnExit);
      return {
        release() {
          if (released) return;
          released = true;
          process.off('exit', releaseOnExit);
          removeIfOwner(file, String(process.pid));
        },
      };
    }
    const owner = readOwner(file);
    // The owner died without releasing it. Removing only when the file still names that dead pid
    // keeps a lock just taken by someone else; the window between read and unlink is tiny.
    if (owner !== undefined && !isProcessAlive(Number(owner))) removeIfOwner(file, owner);
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for the lock ${file} (held by pid ${owner ?? '?'})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function tryCreate(file: string): number | undefined {
  try {
    return openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
}

function readOwner(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim();
    // An empty file is one being written right now: not stale.
    return /^\d+$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function removeIfOwner(file: string, owner: string): void {
  if (readOwner(file) !== owner) return;
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
