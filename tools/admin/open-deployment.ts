import { existsSync } from 'node:fs';
import { createAuditTrail, type AuditTrail } from '../../electron/core/audit/audit-trail.js';
import { loadConfig } from '../../electron/core/config/load-config.js';
import { loadDeploymentKey } from '../../electron/core/keys/deployment-key.js';
import { deriveKeys, type DerivedKeys } from '../../electron/core/keys/derived-keys.js';
import { checkDeploymentKey } from '../../electron/core/keys/key-checks.js';
import { deploymentKeySourceOf } from '../../electron/core/keys/key-source.js';
import { createNamePseudonym, type NamePseudonym } from '../../electron/core/keys/name-pseudonym.js';
import type { Clock } from '../../electron/core/ports.js';
import { openConfiguredStore } from '../../electron/core/store/open-store.js';
import type { Store } from '../../electron/core/store/store.js';
import { cryptoRandom, systemClock } from '../../electron/core/system.js';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import { UsageError } from './args.js';

export interface Deployment {
  config: KioskConfig;
  store: Store;
  keys: DerivedKeys;
  pseudonym: NamePseudonym;
  /** Admin actions are audited in the configured kiosk's chain, with actor "admin". */
  audit: AuditTrail;
  close(): Promise<void>;
}

/**
 * The database and keys a kiosk's configuration points at, for the desk's commands. The key must
 * be the kiosk's own (checked against the database), or nothing the command computes would match.
 */
export async function openDeployment(
  configFile: string | undefined,
  env: Record<string, string | undefined>,
  clock: Clock = systemClock,
): Promise<Deployment> {
  if (configFile === undefined) throw new UsageError('--config FILE is required (the kiosk configuration whose database to use)');
  const config = loadConfig(configFile);
  if (config.demo) throw new UsageError('this command works on a real deployment; the demo database is recreated at every start');
  const source = deploymentKeySourceOf(config);
  // Never create a key for an existing database: an admin command that made a new one would split the
  // deployment. A SQLite kiosk not started yet (no database file) gets both, as its first start would,
  // so `init` then `accounts import` works before the kiosk has run.
  const firstUse = config.store.kind === 'sqlite' && config.store.path !== ':memory:' && !existsSync(config.store.path);
  const keySource = source.kind === 'file' ? { ...source, createIfMissing: source.createIfMissing && firstUse } : source;
  const keys = deriveKeys(loadDeploymentKey(keySource, env, cryptoRandom));
  const store = await openConfiguredStore(config.store, { env, now: () => clock.now().toISOString() });
  try {
    await checkDeploymentKey(store, keys, clock);
  } catch (error) {
    await store.close();
    throw error;
  }
  const pseudonym = createNamePseudonym(keys.namePseudonym);
  return {
    config,
    store,
    keys,
    pseudonym,
    audit: createAuditTrail({ kioskId: config.kiosk.id, clock, chainKey: keys.auditChain, pseudonym }),
    close: () => store.close(),
  };
}
