import { readFileSync } from 'node:fs';

/**
 * Whether a process with this pid exists (signal 0 sends nothing): how the test servers tell a lock
 * file or temp folder left by a killed run from one in use. EPERM means it exists but is not ours.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Gone, or a zombie its parent has not reaped yet (which no longer runs or holds a port). Linux /proc only. */
export function processGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
