import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { processGone } from './process-alive.js';

/**
 * Runs a fixture script (a test process that starts a server under `baseDir` and prints its
 * `{ pid, dir }` as one JSON line), then kills that process with SIGKILL, which runs no exit handler:
 * only the server's parent-death signal can take it down now. Returns the orphan as it was printed,
 * and whether it was running before the kill.
 */
export async function orphanOfKilledParent(fixture: URL, baseDir: string): Promise<{ pid: number; dir: string; ranBeforeKill: boolean }> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(fixture), baseDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  onTestFinished(() => void child.kill('SIGKILL'));
  const exited = once(child, 'exit');
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const orphan = JSON.parse(line) as { pid: number; dir: string };
  const ranBeforeKill = !processGone(orphan.pid);
  child.kill('SIGKILL');
  await exited;
  return { ...orphan, ranBeforeKill };
}
