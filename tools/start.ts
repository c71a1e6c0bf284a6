import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickBrowserOnce } from './browser/pick-browser.js';
import { runPreviewCli } from './preview/cli.js';
import { probeElectronBinary } from './start/electron-binary.js';
import { planFallback, type BrowserOutcome } from './start/plan.js';

/**
 * `npm start`. With Electron's binary: exactly what `npm start` always did (npm run build, the Electron
 * build of better-sqlite3, `electron .` with the arguments after `--`). Without it (its download from
 * GitHub failed): one line saying so, and the same kiosk in Chromium through the preview host.
 *
 * SSPR_ELECTRON_PACKAGE_DIR points at another electron package folder, and SSPR_START_NO_BUILD=1 uses
 * the renderer already built: both for the tests, which run this with a fake package missing its binary.
 */

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const requireFromProject = createRequire(path.join(projectRoot, 'package.json'));

function electronPackageDir(): string | null {
  if (process.env.SSPR_ELECTRON_PACKAGE_DIR) return path.resolve(process.env.SSPR_ELECTRON_PACKAGE_DIR);
  try {
    return path.dirname(requireFromProject.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** Runs an npm script with the npm that runs `npm start` (npm_execpath), as the old script chain did. */
function npmRun(script: string): number {
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd: projectRoot, stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { cwd: projectRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

function node(args: string[]): number {
  return spawnSync(process.execPath, args, { cwd: projectRoot, stdio: 'inherit' }).status ?? 1;
}

async function runElectron(packageDir: string, argv: string[]): Promise<number> {
  const built = npmRun('build');
  if (built !== 0) return built;
  const native = node([path.join(projectRoot, 'scripts', 'electron-native.mjs')]);
  if (native !== 0) return native;
  const child = spawn(process.execPath, [path.join(packageDir, 'cli.js'), '.', ...argv], { cwd: projectRoot, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const [code] = (await once(child, 'exit')) as [number | null];
  return code ?? 1;
}

async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const electron = probeElectronBinary(electronPackageDir());
  if (electron.state === 'present') return runElectron(electron.packageDir, argv);

  const browser: BrowserOutcome = await pickBrowserOnce().then(
    (picked) => picked,
    (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
  );
  const plan = planFallback({ electron, browser, argv, env: process.env, cdpPort: await freeLoopbackPort() });
  for (const line of plan.lines) process.stderr.write(`${line}\n`);
  if (!plan.run) return 1;
  if (process.env.SSPR_START_NO_BUILD !== '1') {
    const built = npmRun('build:renderer');
    if (built !== 0) return built;
  }
  return runPreviewCli(plan.previewArgs);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
