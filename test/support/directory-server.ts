/** A person a test puts in a directory before the kiosk looks them up. */
export interface TestPerson {
  username: string;
  firstName: string;
  lastName: string;
  password: string;
  email?: string;
  mobile?: string;
}

/**
 * A real directory server a test started (slapd with ppolicy, or a Samba AD DC), with ground-truth
 * operations that do not go through the kiosk's connector.
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
  /** Locks as the directory itself would (LDAP: wrong binds past pwdMaxFailure; AD: past the threshold). */
  lockPerson(username: string): Promise<void>;
  disablePerson(username: string): Promise<void>;
  /** Ground truth read as the directory admin, independent of the kiosk's connector. */
  isLocked(username: string): Promise<boolean>;
  bindsWith(username: string, password: string): Promise<boolean>;
  stop(): Promise<void>;
}
