import { ConfigError } from '../electron/core/config/config-error.js';
import { encodeKey, deploymentKeyBytes } from '../electron/core/keys/deployment-key.js';
import { cryptoRandom } from '../electron/core/system.js';
import { accountsUsage, runAccountsImport } from './admin/accounts-import.js';
import { UsageError } from './admin/args.js';
import { auditUsage, runAuditFind, runAuditVerify } from './admin/audit-commands.js';
import { auditExportUsage, runAuditExport } from './admin/audit-export.js';
import { demoUsage, runDemoReset } from './admin/demo-reset.js';
import { initUsage, runInit } from './admin/init-command.js';
import { policyCheckUsage, runPolicyCheck, setUpPolicyCheck } from './admin/policy-check.js';
import { runPinHash, runTechnicianAdd, runTechnicianDisable, runTechnicianList, technicianUsage } from './admin/technician-commands.js';
import { runThrottleClear, throttleUsage } from './admin/throttle-commands.js';

/**
 * Administrator commands: `npm run --silent admin -- <command>`. Results go to stdout, problems to
 * stderr with exit code 2 (usage) or 1 (configuration, data, or a check that found a problem), so
 * scripts can tell them apart.
 */
const usage = [
  'usage: npm run --silent admin -- <command>',
  ...initUsage.map((line) => `  ${line}`),
  `  ${policyCheckUsage}`,
  ...accountsUsage.map((line) => `  ${line}`),
  ...auditUsage.map((line) => `  ${line}`),
  ...auditExportUsage.map((line) => `  ${line}`),
  ...demoUsage.map((line) => `  ${line}`),
  ...throttleUsage.map((line) => `  ${line}`),
  ...technicianUsage.map((line) => `  ${line}`),
  '  keys generate                              prints a new deployment key (base64) for secrets.keyFile / keyEnv',
].join('\n');

async function main(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  const env = process.env;
  const io = { env, input: process.stdin, output: process.stdout, errors: process.stderr };
  if (group === 'init') return runInit(command === undefined ? [] : [command, ...rest], io);
  if (group === 'policy' && command === 'check') {
    const setup = setUpPolicyCheck(rest);
    await runPolicyCheck(setup, process.stdin, process.stdout);
    return 0;
  }
  if (group === 'audit' && command === 'verify') return runAuditVerify(rest, env, process.stdout);
  if (group === 'audit' && command === 'find') return runAuditFind(rest, env, process.stdin, process.stdout);
  if (group === 'audit' && command === 'export') return runAuditExport(rest, io);
  if (group === 'accounts' && command === 'import') return runAccountsImport(rest, io);
  if (group === 'demo' && command === 'reset') return runDemoReset(rest, io);
  if (group === 'throttle' && command === 'clear') return runThrottleClear(rest, env, process.stdout);
  if (group === 'technician' && command === 'add') return runTechnicianAdd(rest, io);
  if (group === 'technician' && command === 'disable') return runTechnicianDisable(rest, io);
  if (group === 'technician' && command === 'list') return runTechnicianList(rest, io);
  if (group === 'pin' && command === 'hash') return runPinHash(rest, io);
  if (group === 'keys' && command === 'generate') {
    if (rest.length > 0) throw new UsageError('keys generate takes no options');
    process.stdout.write(`${encodeKey(cryptoRandom.bytes(deploymentKeyBytes))}\n`);
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
