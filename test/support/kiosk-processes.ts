import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Command, Reply } from '../integration/store/fixtures/kiosk-process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('../integration/store/fixtures/kiosk-process.ts', import.meta.url));

/** The refusal a kiosk process answered with (its error's name and message, as it would log them). */
export class KioskProcessError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** A kiosk core in a separate process (test/integration/store/fixtures/kiosk-process.ts), driven by commands. */
export interface KioskProcess {
  readonly pid: number;
  /** Runs one command; rejects with KioskProcessError when the process answered with an error. */
  send<T = unknown>(command: Command): Promise<T>;
  /** Closes its stdin (the process closes its kiosk and exits) and waits for it to end. */
  end(): Promise<void>;
}

/** Starts a kiosk process with `env` added to this one's (e.g. the deployment key's variable). */
export function spawnKioskProcess(env: Record<string, string>): KioskProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fixture], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  const exited = once(child, 'exit');
  createInterface({ input: child.stdout! }).on('line', (line) => waiting.shift()?.resolve(JSON.parse(line) as Reply));
  child.on('exit', (code, signal) => {
    for (const pending of waiting.splice(0)) pending.reject(new Error(`The kiosk process ended (${signal ?? code}) before answering`));
  });
  return {
    pid: child.pid!,
    async send<T>(command: Command): Promise<T> {
      const reply = await new Promise<Reply>((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin!.write(`${JSON.stringify(command)}\n`);
      });
      if (!reply.ok) throw new KioskProcessError(reply.error.name, reply.error.message);
      return reply.value as T;
    },
    async end() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
