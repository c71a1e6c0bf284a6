import { spawnSync } from 'node:child_process';

/** Runs a command as root that may not be allowed here (mount in a container); null when it worked. */
export function tryCommand(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? null : (result.stderr || result.error?.message || `exit ${result.status}`).trim();
}
