import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Names and secrets of one throwaway slapd; all DNs are under `suffix`. */
export interface SlapdLayout {
  dir: string;
  suffix: string;
  rootDn: string;
  rootPassword: string;
  serviceDn: string;
  servicePassword: string;
  peopleDn: string;
  policyDn: string;
  certFile: string;
  keyFile: string;
}

/** The default password policy the tree gets; tests rely on these numbers. */
export const slapdPolicy = {
  pwdInHistory: 5,
  pwdMaxFailure: 5,
  pwdLockoutDuration: 1800,
  /** Longer than the kiosk's own minimum in tests, so a password the kiosk allows can still be refused here. */
  pwdMinLength: 14,
} as const;

const schemaDir = '/etc/ldap/schema';
const schemas = ['core', 'cosine', 'inetorgperson', 'nis'];

/**
 * cn=config for `slapadd -n0`: back_mdb and ppolicy as modules (in 2.5 the pwdPolicy schema comes
 * with the module), the four schemas, one mdb database with the ppolicy overlay, TLS, and ACLs that
 * give the kiosk's service account exactly what the connector needs (the README's list of rights).
 */
export function configLdif(layout: SlapdLayout): string {
  const service = `dn.exact="${layout.serviceDn}"`;
  const entries = [
    entry('cn=config', {
      objectClass: 'olcGlobal',
      cn: 'config',
      olcPidFile: path.join(layout.dir, 'slapd.pid'),
      olcTLSCertificateFile: layout.certFile,
      olcTLSCertificateKeyFile: layout.keyFile,
    }),
    entry('cn=module{0},cn=config', {
      objectClass: 'olcModuleList',
      cn: 'module{0}',
      olcModulePath: '/usr/lib/ldap',
      olcModuleLoad: ['back_mdb', 'ppolicy'],
    }),
    entry('cn=schema,cn=config', { objectClass: 'olcSchemaConfig', cn: 'schema' }),
    ...schemas.map((name) => readFileSync(path.join(schemaDir, `${name}.ldif`), 'utf8').trim()),
    entry('olcDatabase={-1}frontend,cn=config', { objectClass: ['olcDatabaseConfig', 'olcFrontendConfig'], olcDatabase: '{-1}frontend' }),
    entry('olcDatabase={0}config,cn=config', { objectClass: 'olcDatabaseConfig', olcDatabase: '{0}config', olcAccess: '{0}to * by * none' }),
    entry('olcDatabase={1}mdb,cn=config', {
      objectClass: ['olcDatabaseConfig', 'olcMdbConfig'],
      olcDatabase: '{1}mdb',
      olcDbDirectory: path.join(layout.dir, 'data'),
      olcDbMaxSize: String(64 * 1024 * 1024),
      olcSuffix: layout.suffix,
      // The harness's own admin for seeding and ground truth. ppolicy does not judge the rootdn, so
      // no test of the policy may act as it: the connector binds as the service account.
      olcRootDN: layout.rootDn,
      olcRootPW: ssha(layout.rootPassword),
      olcAccess: [
        // Passwords: set by the service account (Password Modify, judged by ppolicy) but never read
        // (=w is write alone: no read, so no hashes); anyone may bind.
        `{0}to attrs=userPassword by ${service} =w by * auth`,
        // Lock state: read and cleared by the service account. pwdFailureTime is NO-USER-MODIFICATION,
        // so clearing it needs `manage` plus the Relax control. pwdHistory and pwdChangedTime are
        // written by the overlay itself, which no ACL stops.
        `{1}to attrs=pwdAccountLockedTime,pwdFailureTime by ${service} manage by * none`,
        `{2}to dn.subtree="${layout.peopleDn}" by ${service} read by * none`,
        // The policy entry, for pwdLockoutDuration (when a lock ends).
        `{3}to dn.subtree="ou=policies,${layout.suffix}" by ${service} read by * none`,
        '{4}to * by * none',
      ],
    }),
    entry('olcOverlay={0}ppolicy,olcDatabase={1}mdb,cn=config', {
      objectClass: ['olcOverlayConfig', 'olcPPolicyConfig'],
      olcOverlay: '{0}ppolicy',
      olcPPolicyDefault: layout.policyDn,
      olcPPolicyHashCleartext: 'TRUE',
      olcPPolicyUseLockout: 'TRUE',
    }),
  ];
  return `${entries.join('\n\n')}\n`;
}

/** The tree for `slapadd -n1`: people (empty), policies (the default one), the service account. */
export function treeLdif(layout: SlapdLayout): string {
  const dc = /^dc=([^,]+)/.exec(layout.suffix)?.[1] ?? 'kiosk';
  const entries = [
    entry(layout.suffix, { objectClass: ['dcObject', 'organization'], dc, o: 'Kiosk test directory' }),
    entry(layout.peopleDn, { objectClass: 'organizationalUnit', ou: 'people' }),
    entry(`ou=policies,${layout.suffix}`, { objectClass: 'organizationalUnit', ou: 'policies' }),
    entry(`ou=services,${layout.suffix}`, { objectClass: 'organizationalUnit', ou: 'services' }),
    entry(layout.policyDn, {
      objectClass: ['device', 'pwdPolicy'],
      cn: 'default',
      pwdAttribute: 'userPassword',
      pwdInHistory: String(slapdPolicy.pwdInHistory),
      pwdLockout: 'TRUE',
      pwdMaxFailure: String(slapdPolicy.pwdMaxFailure),
      pwdLockoutDuration: String(slapdPolicy.pwdLockoutDuration),
      pwdMinLength: String(slapdPolicy.pwdMinLength),
      // 1: check what can be checked (a cleartext password's length; there is no quality module),
      // accept what cannot (an already hashed value).
      pwdCheckQuality: '1',
    }),
    entry(layout.serviceDn, {
      objectClass: ['applicationProcess', 'simpleSecurityObject'],
      cn: /^cn=([^,]+)/.exec(layout.serviceDn)?.[1] ?? 'kiosk',
      userPassword: ssha(layout.servicePassword),
    }),
  ];
  return `${entries.join('\n\n')}\n`;
}

/** RFC 2307-style {SSHA}: SHA-1 of password + salt, then the salt, base64. slapd's own default. */
export function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

function entry(dn: string, attributes: Record<string, string | string[]>): string {
  const lines = [`dn: ${dn}`];
  for (const [name, value] of Object.entries(attributes)) {
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
  }
  return lines.join('\n');
}
