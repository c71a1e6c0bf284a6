import type { StoreConfig } from '../../../shared/config/config-schema.js';
import { openPostgresStore } from './open-postgres-store.js';
import { openSqliteStore } from './open-sqlite-store.js';
import type { Store } from './store.js';

/** Opens (and migrates) whichever store the configuration names. */
export function openConfiguredStore(
  config: StoreConfig,
  options: { nativeBinding?: string; env: Record<string, string | undefined>; now: () => string },
): Promise<Store> {
  if (config.kind === 'postgres') return openPostgresStore(config, { env: options.env, now: options.now });
  return openSqliteStore(config.path, { now: options.now, ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }) });
}
