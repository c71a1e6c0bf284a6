import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TranscriptRecorder } from '../figure.js';
import type { ChildReport } from './child-io.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const childScript = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

export interface ChildHandle {
  pid: number;
  process: ChildProcess;
  /** Every report so far, in order. */
  reports: ChildReport[];
  /** When each report arrived (Date.now()), index for index. */
  arrivedAt: number[];
  /**
   * The first report from index `from` on that matches (each report is offered once); rejects when
   * the child exits first or time runs out.
   */
  waitFor(match: (message: ChildReport) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<ChildReport>;
  send(line: string): void;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The tail of what the child wrote to stderr (stack traces when it crashed). */
  stderr(): string;
}

/**
 * A TypeScript child run the way the repository runs its tools: `node --import tsx <script>`, the
 * same node binary, so SIGKILL reaches the process doing the work (npx would put a wrapper between).
 * `prefix` runs it under another program, e.g. `prlimit --fsize=...`.
 */
export function spawnChild(script: string, args: string[], options: { prefix?: string[] } = {}): ChildHandle {
  const command = [...(options.prefix ?? []), process.execPath, '--import', 'tsx', childScript(script), ...args];
  const child = spawn(command[0]!, command.slice(1), { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  const reports: ChildReport[] = [];
  const arrivedAt: number[] = [];
  const listeners = new Set<() => void>();
  let errorTail = '';
  let exitedYet = false;
  // 'close', not 'exit': every line the child wrote has been read by then.
  const exited = once(child, 'close').then(([code, signal]) => {
    exitedYet = true;
    listeners.forEach((listener) => listener());
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  child.stdin.on('error', () => undefined);
  child.stderr.on('data', (chunk: Buffer) => {
    errorTail = (errorTail + chunk.toString('utf8')).slice(-4000);
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      reports.push(JSON.parse(line) as ChildReport);
      arrivedAt.push(Date.now());
    } catch {
      errorTail = `${errorTail}\n(stdout) ${line}`.slice(-4000);
      return;
    }
    listeners.forEach((listener) => listener());
  });

  return {
    pid: child.pid!,
    process: child,
    reports,
    arrivedAt,
    exited,
    stderr: () => errorTail,
    send(line) {
      child.stdin.write(`${line}\n`);
    },
    async kill() {
      if (!exitedYet) child.kill('SIGKILL');
      await exited;
    },
    waitFor(match, { from = 0, timeoutMs = 60_000 } = {}) {
      return new Promise((resolve, reject) => {
        // Each report is offered to `match` once, so a counting matcher (the n-th "about") counts right.
        let cursor = from;
        const check = () => {
          let found: ChildReport | undefined;
          while (found === undefined && cursor < reports.length) {
            const candidate = reports[cursor]!;
            cursor += 1;
            if (match(candidate)) found = candidate;
          }
          if (found !== undefined || exitedYet) {
            listeners.delete(check);
            clearTimeout(timer);
            if (found !== undefined) resolve(found);
            else reject(new Error(`the child exited first${errorTail === '' ? '' : `: ${errorTail.trim().split('\n').slice(-3).join(' | ')}`}`));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for the child`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

/** Hands what a child saw to the suite's secrets scan: its answers, log lines and the secrets it used. */
export function recordChildReports(reports: readonly ChildReport[], recorder: TranscriptRecorder): void {
  for (const message of reports) {
    if (message.t === 'answer') recorder.seen('ipc', JSON.stringify(message.result));
    else if (message.t === 'log') recorder.seen('log', message.line);
    else if (message.t === 'secret') recorder.secret(message.kind, message.value);
  }
}
