import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { Clock, Directory, PasswordHasher } from '../ports.js';
import type { Store } from '../store/store.js';
import { createActiveDirectory } from './active-directory/active-directory.js';
import { createDirectoryPeople } from './directory-people.js';
import { isDirectoryUnavailable } from './directory-errors.js';
import { createLdapDirectory } from './ldap/ldap-directory.js';
import { ldapPoolFor, type LdapPool } from './ldap/ldap-pool.js';
import { createStoreDirectory } from './sqlite-directory.js';

export interface OpenedDirectory {
  directory: Directory;
  /** Closes the directory's connections (nothing for the embedded one). */
  close(): Promise<void>;
}

/** A configured directory the kiosk must not start with: the words say what to fix. */
export class DirectoryStartError extends Error {
  override readonly name = 'DirectoryStartError';
}

/**
 * The configured directory, checked once before anyone walks up. A wrong service password or a
 * certificate that does not match the configured CA is a deployment mistake: the kiosk refuses to
 * start and says which. A directory that merely does not answer now may come back: the kiosk starts,
 * logs it, and each screen that needs the directory says "password services are unavailable".
 */
export async function openConfiguredDirectory(
  config: KioskConfig,
  deps: { store: Store; hasher: PasswordHasher; clock: Clock; env: Record<string, string | undefined>; log: (line: string) => void },
): Promise<OpenedDirectory> {
  const settings = config.directory;
  if (settings.kind === 'sqlite') {
    return { directory: createStoreDirectory(deps.store, deps.hasher, deps.clock, config.lockout), close: async () => undefined };
  }

  let pool: LdapPool;
  try {
    pool = ldapPoolFor(settings, deps.env);
  } catch (error) {
    throw new DirectoryStartError(error instanceof Error ? error.message : String(error));
  }
  const people = createDirectoryPeople(deps.store, deps.clock, {
    blockedEmailDomains: config.registration.blockedEmailDomains,
    defaultRegion: config.sms.defaultRegion,
    log: deps.log,
  });
  const connector = { pool, people, clock: deps.clock, log: deps.log };
  const directory = settings.kind === 'ldap' ? createLdapDirectory({ config: settings, ...connector }) : createActiveDirectory({ config: settings, ...connector });

  try {
    await pool.probe();
    deps.log(`directory: ${settings.kind} at ${settings.url} answers the kiosk's service account`);
  } catch (error) {
    if (!isDirectoryUnavailable(error)) {
      await pool.close();
      throw error;
    }
    if (error.reason === 'refused_login') {
      await pool.close();
      throw new DirectoryStartError(`directory: ${settings.url} refused the service account ${settings.bindDn}: check directory.bindDn and the password in ${settings.bindPasswordEnv}`);
    }
    if (error.reason === 'tls') {
      await pool.close();
      throw new DirectoryStartError(`directory: the certificate of ${settings.url} is not trusted or does not match (${error.message}): check directory.caFile and directory.servername`);
    }
    deps.log(`directory: ${settings.url} does not answer yet (${error.message}); the kiosk starts and says "password services are unavailable" until it does`);
  }
  return { directory, close: () => pool.close() };
}
