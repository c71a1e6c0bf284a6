import { runPreviewCli } from './preview/cli.js';

/** `npm run preview`: see tools/preview/cli.ts. */
runPreviewCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Kiosk preview failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
