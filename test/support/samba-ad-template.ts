import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A provisioned domain, ready to copy: `domain/` is a samba-tool --targetdir, never run itself. */
export interface SambaAdTemplate {
  dir: string;
  domainDir: string;
  /** The path samba-tool provisioned into: smb.conf names it, and a copy replaces it with its own. */
  provisionedAt: string;
  adminPassword: string;
  servicePassword: string;
}

export const realm = 'KIOSK.TEST';
export const baseDn = 'DC=kiosk,DC=test';
export const usersDn = `CN=Users,${baseDn}`;
export const serviceAccount = 'kiosk-svc';
export const serviceDn = `CN=${serviceAccount},${usersDn}`;
export const lockoutThreshold = 5;

// Bump when the recipe below changes, so an older cached template is not used.
const recipe = 3;

// Schema and control-access GUIDs (MS-ADTS; checked against this Samba's schema). The ACEs are
// inherit-only on CN=Users and apply to `user` objects below it.
const userClass = 'bf967aba-0de6-11d0-a285-00aa003049e2';
const resetPasswordRight = '00299570-246d-11d0-a768-00aa006e0529';
const lockoutTimeAttribute = '28630ebf-41d5-11d1-a9c1-0000f80367c1';

/**
 * The provisioned domain for this Samba version, made once and kept under the OS temp folder:
 * provisioning plus its policy, account and ACL steps takes ~5-10 s; copying the result ~0.1 s.
 * Built in a folder of its own and renamed into place, so a half-built template is never used and
 * two test files building at once both end up with a complete one.
 */
export function sambaAdTemplate(): SambaAdTemplate {
  const version = execFileSync('samba', ['--version'], { encoding: 'utf8' }).trim().replace(/[^A-Za-z0-9.-]/g, '_');
  const dir = path.join(os.tmpdir(), `sspr-samba-ad-template-${version}-r${recipe}`);
  if (!existsSync(path.join(dir, 'template.json'))) build(dir);
  const saved = JSON.parse(readFileSync(path.join(dir, 'template.json'), 'utf8')) as Omit<SambaAdTemplate, 'dir' | 'domainDir'>;
  return { dir, domainDir: path.join(dir, 'domain'), ...saved };
}

function build(finalDir: string): void {
  const buildDir = mkdtempSync(path.join(os.tmpdir(), 'sspr-samba-ad-build-'));
  try {
    const domainDir = path.join(buildDir, 'domain');
    // Provisioning enforces the default complexity rule on the admin password.
    const adminPassword = `Adm-${randomBytes(12).toString('hex')}-9x`;
    const servicePassword = `Svc-${randomBytes(12).toString('hex')}-9x`;
    const sam = ['-H', path.join(domainDir, 'private', 'sam.ldb')];
    tool('domain', 'provision', `--targetdir=${domainDir}`, `--realm=${realm}`, '--domain=KIOSK', '--server-role=dc',
      '--dns-backend=NONE', `--adminpass=${adminPassword}`, '--host-name=dc1', '--option=interfaces=lo', '--option=bind interfaces only=yes');
    // The tests' policy: complexity off (the kiosk has its own rules), 14 characters (a 13-character
    // password the kiosk allows is refused by the directory), history 5, lockout after 5 wrong
    // passwords for 30 minutes; no maximum age, so a template cached for months still works.
    tool('domain', 'passwordsettings', 'set', ...sam, '--complexity=off', '--min-pwd-age=0', '--max-pwd-age=0', '--history-length=5',
      '--min-pwd-length=14', `--account-lockout-threshold=${lockoutThreshold}`, '--account-lockout-duration=30', '--reset-account-lockout-after=30');
    tool('user', 'create', serviceAccount, servicePassword, ...sam, '--description=sspr-kiosk service account');
    const sid = /objectSid: (S-[0-9-]+)/.exec(tool('user', 'show', serviceAccount, ...sam, '--attributes=objectSid'))?.[1];
    if (sid === undefined) throw new Error('samba-tool did not show the service account objectSid');
    // What the kiosk's service account needs, and no more: the Reset Password extended right and
    // read/write of lockoutTime on users. Reading names, mail and pwdLastSet is every
    // authenticated user's right already.
    tool('dsacl', 'set', ...sam, `--objectdn=${usersDn}`,
      `--sddl=(OA;CIIO;CR;${resetPasswordRight};${userClass};${sid})(OA;CIIO;RPWP;${lockoutTimeAttribute};${userClass};${sid})`);
    const saved = { provisionedAt: domainDir, adminPassword, servicePassword };
    writeFileSync(path.join(buildDir, 'template.json'), JSON.stringify(saved), { mode: 0o600 });
    try {
      renameSync(buildDir, finalDir);
    } catch (error) {
      // Another test file finished its template first: use that one.
      if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      rmSync(buildDir, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(buildDir, { recursive: true, force: true });
    throw error;
  }
}

function tool(...args: string[]): string {
  try {
    return execFileSync('samba-tool', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`samba-tool ${args.slice(0, 2).join(' ')} failed:\n${(stderr ?? '').slice(-2000)}${(stdout ?? '').slice(-1000)}`);
  }
}
