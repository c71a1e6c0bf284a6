import type { Writable } from 'node:stream';
import { loadConfig } from '../../electron/core/config/load-config.js';
import { demoAccounts } from '../../electron/core/demo/demo-accounts.js';
import { clearDemoTables, foreignAccountCount } from '../../electron/core/demo/reset-demo.js';
import { seedDemoDatabase } from '../../electron/core/demo/seed-demo.js';
import { createArgon2Hasher } from '../../electron/core/hashing/argon2-hasher.js';
import { loadDeploymentKey } from '../../electron/core/keys/deployment-key.js';
import { deriveKeys, keyCheckValues } from '../../electron/core/keys/derived-keys.js';
import { checkDeploymentKey } from '../../electron/core/keys/key-checks.js';
import { deploymentKeySourceOf } from '../../electron/core/keys/key-source.js';
import { keyCheckRows } from '../../electron/core/store/key-check-rows.js';
import { openConfiguredStore } from '../../electron/core/store/open-store.js';
import { cryptoRandom, systemClock } from '../../electron/core/system.js';
import { parseFlags, UsageError } from './args.js';
import type { CommandIo } from './technician-commands.js';

export const demoUsage = ['demo reset --config FILE                         puts a demo database back to its seeded people and passwords (demo: true only)'];

/**
 * Between two presenters, the demo's people, passwords, methods, blocks and audit records go back to
 * where a fresh start puts them, in one transaction, in place: a kiosk running on the database sees
 * the seeded people at its next step (its on-screen demo inbox is its own, cleared at Start over).
 */
export async function runDemoReset(args: readonly string[], io: CommandIo & { errors: Writable }): Promise<number> {
  const flags = parseFlags(args, ['config']);
  const configFile = flags.get('config');
  if (configFile === undefined) throw new UsageError('--config FILE is required (the demo configuration whose database to reset)');
  const config = loadConfig(configFile);
  if (!config.demo) {
    throw new Error(`demo reset works only on a demo configuration (demo: true); ${configFile} is a real deployment, whose people it would delete. Nothing was changed.`);
  }
  const clock = io.clock ?? systemClock;
  const random = io.random ?? cryptoRandom;
  const source = deploymentKeySourceOf(config);
  // Without keyFile or keyEnv the demo's key is made afresh at each start, and a new one is made here too.
  const keys = deriveKeys(loadDeploymentKey(source, io.env, random));
  const store = await openConfiguredStore(config.store, { env: io.env, now: () => clock.now().toISOString() });
  try {
    const foreign = await store.read((db) => foreignAccountCount(db));
    if (foreign > 0) {
      throw new Error(`${configFile} says demo: true, but its database holds ${foreign} account(s) that are not demo people; not resetting it. Point store at another database, or turn demo mode off.`);
    }
    if (source.kind !== 'ephemeral') await checkDeploymentKey(store, keys, clock);
    await seedDemoDatabase(store, createArgon2Hasher(config.hashing), clock, demoAccounts, {
      params: config.hashing,
      technicianKey: keys.authenticatorSecrets,
      random,
      clearFirst: async (tx) => {
        await clearDemoTables(tx, store.dialect);
        if (source.kind !== 'ephemeral') return;
        await tx.deleteFrom('key_checks').execute();
        for (const [purpose, value] of keyCheckValues(keys)) await keyCheckRows.add(tx, purpose, value, clock.now().toISOString());
      },
    });
  } finally {
    await store.close();
  }
  io.output.write(`${JSON.stringify({ reset: true, accounts: demoAccounts.length })}\n`);
  if (source.kind === 'ephemeral') {
    io.errors.write(
      'Note: this demo makes its deployment key afresh at each start (no secrets.keyFile), so a kiosk still running on this database keeps an older key: restart it for the demo technician\'s app codes and the audit seals to match.\n',
    );
  }
  return 0;
}
