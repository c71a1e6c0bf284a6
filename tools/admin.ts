import { ConfigError } from '../electron/core/config/config-error.js';
import { UsageError } from './admin/args.js';
import { policyCheckUsage, runPolicyCheck, setUpPolicyCheck } from './admin/policy-check.js';

/**
 * Administrator commands: `npm run --silent admin -- <command>`. Results go to stdout, problems to
 * stderr with exit code 2 (usage) or 1 (configuration or data), so scripts can tell them apart.
 */
const usage = `usage: npm run --silent admin -- ${policyCheckUsage}`;

async function main(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  if (group === 'policy' && command === 'check') {
    const setup = setUpPolicyCheck(rest);
    await runPolicyCheck(setup, process.stdin, process.stdout);
    return 0;
  }
  if (group === undefined || group === '--help' || group === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  throw new UsageError(`unknown command "${[group, command].filter(Boolean).join(' ')}"`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`admin: ${error.message}\n${usage}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`admin: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
