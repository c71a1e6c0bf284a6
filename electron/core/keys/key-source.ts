import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { DeploymentKeySource } from './deployment-key.js';

/**
 * Where this kiosk's deployment key comes from. The demo's database is new on every start, so its
 * key may be too. A SQLite kiosk with nothing configured keeps its key in a 0600 file beside its
 * database; kiosks sharing PostgreSQL must be given the same key (load-config refuses otherwise).
 */
export function deploymentKeySourceOf(config: KioskConfig): DeploymentKeySource {
  const { keyEnv, keyFile } = config.secrets;
  if (keyEnv !== undefined) return { kind: 'env', variable: keyEnv };
  if (keyFile !== undefined) return { kind: 'file', path: keyFile, createIfMissing: config.store.kind === 'sqlite' };
  if (config.demo || config.store.kind !== 'sqlite' || config.store.path === ':memory:') return { kind: 'ephemeral' };
  return { kind: 'file', path: `${config.store.path}.key`, createIfMissing: true };
}
