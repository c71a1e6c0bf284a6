import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { auditRows } from '../../electron/core/audit/audit-rows.js';
import { verifyAuditChain } from '../../electron/core/audit/verify-audit-chain.js';
import { parseFlags } from './args.js';
import { openDeployment } from './open-deployment.js';

export const auditUsage = [
  'audit verify --config FILE                 checks that no audit record was edited, deleted or moved',
  'audit find --config FILE  < usernames      the records of each name as typed (names on stdin, one per line)',
];

/** Prints the chain report as one JSON object; exit code 1 when a record was tampered with. */
export async function runAuditVerify(args: readonly string[], env: Record<string, string | undefined>, output: Writable): Promise<number> {
  const flags = parseFlags(args, ['config']);
  const deployment = await openDeployment(flags.get('config'), env);
  try {
    const report = await verifyAuditChain(deployment.store.db, deployment.keys.auditChain);
    output.write(`${JSON.stringify(report)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await deployment.close();
  }
}

/**
 * The desk's "did anyone try jsmith?": each name is turned into the deployment's pseudonym and the
 * matching records are printed. Names come on stdin so they stay out of shell history, and the
 * output names the input by line number only, since a "name" may be a mistyped password.
 */
export async function runAuditFind(args: readonly string[], env: Record<string, string | undefined>, input: Readable, output: Writable): Promise<number> {
  const flags = parseFlags(args, ['config']);
  const deployment = await openDeployment(flags.get('config'), env);
  try {
    let line = 0;
    for await (const name of createInterface({ input, crlfDelay: Infinity })) {
      line += 1;
      if (name.trim() === '') continue;
      const rows = await auditRows.byNameKey(deployment.store.db, deployment.pseudonym(name.trim()), 1000);
      for (const row of rows) {
        const { detailText: _text, prevHash: _prev, hash: _hash, ...shown } = row;
        output.write(`${JSON.stringify({ line, ...shown })}\n`);
      }
    }
    return 0;
  } finally {
    await deployment.close();
  }
}
