import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TestKiosk } from '../../test/support/core-kiosk.js';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract.js';
import type { Result } from '../../shared/ipc/result.js';

/**
 * What a child process tells its parent, one JSON object per stdout line. Written with writeSync so a
 * line is in the pipe before the next step starts: a SIGKILL loses only what was never written.
 */
export type ChildReport =
  | { t: 'starting' }
  | { t: 'ready'; [key: string]: unknown }
  | { t: 'answer'; channel: string; result: Result<unknown> }
  | { t: 'log'; line: string }
  | { t: 'secret'; kind: 'password' | 'code' | 'hash'; value: string }
  | { t: 'about'; username: string; n: number }
  | { t: 'done'; username: string; n: number; outcome: string }
  | { t: 'crash'; error: string }
  | { t: 'end'; [key: string]: unknown };

export function report(message: ChildReport): void {
  writeSync(1, `${JSON.stringify(message)}\n`);
}

/** Calls through the router like the page, reporting the answer and any new log lines. */
export function reportingCaller(t: TestKiosk) {
  let logged = 0;
  const flushLog = () => {
    for (const line of t.logLines.slice(logged)) report({ t: 'log', line });
    logged = t.logLines.length;
  };
  return {
    async call<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      const result = await t.call(channel, payload);
      report({ t: 'answer', channel, result });
      flushLog();
      return result;
    },
    flushLog,
  };
}

/**
 * Resolves with the one line the parent writes to stdin (e.g. "go"). stdin is closed after it: left
 * open, it would keep the child alive after its work is done.
 */
export function nextCommand(): Promise<string> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.once('line', (line) => {
      lines.close();
      process.stdin.destroy();
      resolve(line.trim());
    });
  });
}

/** Anything that escapes the child is a crash for the parent to count, reported before exiting. */
export function reportCrashes(): void {
  const crash = (error: unknown) => {
    report({ t: 'crash', error: error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error) });
    process.exit(70);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
