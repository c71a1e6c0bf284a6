import { createDirectoryPeople } from '../../electron/core/directory/directory-people.js';
import { createLdapDirectory } from '../../electron/core/directory/ldap/ldap-directory.js';
import { ldapPoolFor, type LdapPool } from '../../electron/core/directory/ldap/ldap-pool.js';
import type { Clock, Directory } from '../../electron/core/ports.js';
import type { Store } from '../../electron/core/store/store.js';
import { ldapDirectorySchema, type LdapDirectoryConfig } from '../../shared/config/directory-config-schema.js';
import type { TestDirectoryServer } from './directory-server.js';

export interface LdapConnector {
  directory: Directory;
  pool: LdapPool;
  config: LdapDirectoryConfig;
  /** What the connector logged. */
  lines: string[];
}

/**
 * The LDAP connector as the kiosk would build it for `server`: the config through the real schema,
 * the pool from that config and the environment, shadow accounts in `store`.
 */
export function ldapConnectorFor(
  server: TestDirectoryServer,
  store: Store,
  clock: Clock,
  options: { config?: Record<string, unknown>; env?: Record<string, string> } = {},
): LdapConnector {
  const config = ldapDirectorySchema.parse({ ...server.directoryConfig, ...options.config });
  const pool = ldapPoolFor(config, options.env ?? server.env);
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const people = createDirectoryPeople(store, clock, { blockedEmailDomains: ['kiosk.test'], defaultRegion: 'GB', log });
  return { directory: createLdapDirectory({ config, pool, people, clock, log }), pool, config, lines };
}
