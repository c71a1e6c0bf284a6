import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { freePort, requireBuiltRenderer, startScreen } from '../support/browser-preview.js';
import { demoAccounts } from '../../electron/core/demo/demo-accounts.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// Node with tsx's loader, not the tsx command: the command relays SIGTERM to its child and kills it
// (exit 143) when the child has not answered within 30 ms, which a busy machine misses.
const withTsx = ['--import', 'tsx'];

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
}

function runPreviewCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [...withTsx, 'tools/preview.ts', ...args], { cwd: repoRoot, env: { ...process.env, DISPLAY: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, stdout: () => stdout, stderr: () => stderr };
}

/** Resolves with stdout once the ready line is out; fails at once, with stderr, if the CLI exits first. */
async function readyOutput(cli: RunningCli, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!cli.stdout().includes('\n')) {
    if (cli.child.exitCode !== null) throw new Error(`The preview exited (${cli.child.exitCode}) before it was ready:\n${cli.stderr()}`);
    if (Date.now() > deadline) throw new Error(`The preview was not ready after ${timeoutMs} ms:\n${cli.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return cli.stdout();
}

async function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

describe('npm run preview (tools/preview.ts)', () => {
  let running: RunningCli | null = null;

  afterEach(async () => {
    if (running !== null && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await exitCode(running.child);
    }
    running = null;
  });

  it('prints one ready line with the URL, the CDP address and the demo accounts, serves the kiosk, and stops cleanly on SIGTERM', async () => {
    requireBuiltRenderer();
    const port = await freePort();
    running = runPreviewCli(['--demo', '--headless', '--cdp-port', String(port)]);
    const cli = running;
    const lines = (await readyOutput(cli)).trim().split('\n');
    expect(lines).toHaveLength(1);
    const [ready] = lines as [string];
    expect(ready).toContain('https://kiosk.test/index.html');
    expect(ready).toContain(`http://127.0.0.1:${port}`);
    for (const account of demoAccounts) {
      expect(ready).toContain(account.username);
      expect(ready).not.toContain(account.password);
    }

    const remote = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    try {
      const [page] = remote.contexts().flatMap((context) => context.pages());
      if (page === undefined) throw new Error('The CDP client sees no page');
      expect(page.url()).toBe('https://kiosk.test/index.html');
      await startScreen(page).waitFor();
    } finally {
      await remote.close();
    }

    cli.child.kill('SIGTERM');
    expect(await exitCode(cli.child)).toBe(0);
    expect(cli.stderr()).toContain('Stopping the kiosk preview (SIGTERM)');
  });

  it('refuses unknown options with the usage text and exit code 2', async () => {
    running = runPreviewCli(['--cdp-port', 'abc']);
    expect(await exitCode(running.child)).toBe(2);
    expect(running.stderr()).toContain('--cdp-port must be a port number');
    expect(running.stderr()).toContain('Usage: npm run preview');
  });

  it('stops with every mistake in a config file named by its key, and exit code 1', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'preview-cli-config-'));
    try {
      const file = path.join(folder, 'kiosk.json');
      await writeFile(file, JSON.stringify({ demo: true, branding: { organisationName: '' }, kiosk: { idleSeconds: 5 } }));
      running = runPreviewCli(['--headless', '--config', file]);
      expect(await exitCode(running.child)).toBe(1);
      expect(running.stderr()).toContain('branding.organisationName:');
      expect(running.stderr()).toContain('kiosk.idleSeconds:');
      expect(running.stderr()).toContain('store:');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('explains what to do when there is no display for a window', async () => {
    requireBuiltRenderer();
    running = runPreviewCli(['--demo']);
    expect(await exitCode(running.child)).toBe(1);
    expect(running.stderr()).toContain('Use --headless, or run under xvfb-run.');
  });
});
