import { CliArgsError, parsePreviewArgs, usage } from './cli-args.js';
import { readyLine } from './ready-line.js';

/**
 * `npm run preview` (and `npm start` without Electron's binary): the kiosk in Chromium without Electron,
 * until Ctrl+C or the window closes. Resolves with the process exit code.
 */
export async function runPreviewCli(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parsePreviewArgs(argv);
  } catch (error) {
    if (error instanceof CliArgsError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }

  // Loaded only now, so --help and a mistyped option answer at once instead of after the whole core loads.
  const [{ startPreview }, { demoAccounts }] = await Promise.all([
    import('./host.js'),
    import('../../electron/core/demo/demo-accounts.js'),
  ]);
  const preview = await startPreview({
    demo: args.demo,
    configPath: args.configPath,
    headless: args.headless,
    cdpPort: args.cdpPort,
    log: (line) => process.stderr.write(`${line}\n`),
  });

  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
    preview.browser.once('disconnected', () => resolve('the browser closed'));
    preview.page.once('close', () => resolve('the kiosk window closed'));
  });

  process.stdout.write(
    `${readyLine({
      url: preview.url,
      headless: args.headless,
      cdpUrl: preview.cdpUrl,
      demoAccounts: preview.kiosk.config.demo ? demoAccounts : null,
      browserLabel: preview.picked.label,
    })}\n`,
  );

  const reason = await stopped;
  process.stderr.write(`Stopping the kiosk preview (${reason})...\n`);
  await preview.close();
  return 0;
}
