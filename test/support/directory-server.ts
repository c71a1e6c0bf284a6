/** A person the tests put in a real directory (slapd or Samba AD) before the kiosk looks them up. */
export interface TestPerson {
  username: string;
  firstName: string;
  lastName: string;
  password: string;
  email?: string;
  mobile?: string;
}

/**
 * A throwaway directory server started by a test (test/support/slapd-server.ts,
 * test/support/samba-ad-server.ts), so the same journey tests run against each back end.
 */
export interface TestDirectoryServer {
  kind: 'ldap' | 'active-directory';
  /** The kiosk's `directory` config for this server (a plain object the config schema accepts). */
  directoryConfig: Record<string, unknown>;
  /** Environment the kiosk needs (the service password under directoryConfig.bindPasswordEnv). */
  env: Record<string, string>;
  caFile: string;
  /** Wrong passwords (as the person) that lock an account: the directory's own threshold. */
  lockoutThreshold: number;
  addPerson(person: TestPerson): Promise<void>;
  /** Locks as the directory itself would (wrong binds past its threshold). */
  lockPerson(username: string): Promise<void>;
  disablePerson(username: string): Promise<void>;
  /** Ground truth read as the directory admin, independent of the kiosk's connector. */
  isLocked(username: string): Promise<boolean>;
  bindsWith(username: string, password: string): Promise<boolean>;
  stop(): Promise<void>;
}
