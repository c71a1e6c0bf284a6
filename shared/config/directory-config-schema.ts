import { z } from 'zod';

/**
 * Where people's accounts live: the kiosk's own store (the embedded default and the demo), an LDAP
 * directory (OpenLDAP with the ppolicy overlay, or another RFC 4511 server), or Active Directory.
 * The service account's password is named by an environment variable: secrets never live in the file.
 */
const attributeName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'an attribute name like givenName');

const attributesSchema = (defaults: { firstName: string; lastName: string; email: string | null; mobile: string | null }) =>
  z
    .object({
      firstName: attributeName.default(defaults.firstName),
      lastName: attributeName.default(defaults.lastName),
      /** A personal address codes may go to; addresses in registration.blockedEmailDomains are never used. null: not read. */
      email: attributeName.nullable().default(defaults.email),
      /** A mobile number for texts (E.164 or national form). null: not read. */
      mobile: attributeName.nullable().default(defaults.mobile),
    })
    .strict()
    .default(defaults);

/** `{username}` must appear once: the typed name, escaped per RFC 4515, goes there. */
const userFilter = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((filter) => filter.split('{username}').length === 2, 'must contain {username} exactly once')
    .refine((filter) => filter.startsWith('(') && filter.endsWith(')'), 'must be an LDAP filter in parentheses, like (uid={username})');

const connectionShape = {
  /** ldaps://host:636, or ldap://host:389 with startTls (or, explicitly, allowInsecure). */
  url: z.string().regex(/^ldaps?:\/\/[^\s/]+(:\d{1,5})?\/?$/, 'an URL like ldaps://dc1.example.ac.uk:636'),
  startTls: z.boolean().default(false),
  /** PEM file with the CA that signed the directory's certificate (else the system CAs). */
  caFile: z.string().min(1).optional(),
  /** The name the certificate must carry, when the URL uses an address or another name. */
  servername: z.string().min(1).optional(),
  /** Binds without TLS send passwords in clear: allowed only when this is set, for a lab. */
  allowInsecure: z.boolean().default(false),
  bindDn: z.string().min(3),
  bindPasswordEnv: z.string().min(1),
  /** Where people are searched (subtree). */
  baseDn: z.string().min(3),
  poolSize: z.number().int().min(1).max(16).default(2),
  timeoutSeconds: z.number().int().min(1).max(120).default(10),
  connectTimeoutSeconds: z.number().int().min(1).max(60).default(5),
};

const requiresTls = (directory: { url: string; startTls: boolean; allowInsecure: boolean }) =>
  directory.url.startsWith('ldaps://') || directory.startTls || directory.allowInsecure;
const tlsMessage = 'ldap:// sends passwords in clear: use ldaps://, set startTls: true, or (a lab only) allowInsecure: true';

export const ldapDirectorySchema = z
  .object({
    kind: z.literal('ldap'),
    ...connectionShape,
    userFilter: userFilter('(uid={username})'),
    attributes: attributesSchema({ firstName: 'givenName', lastName: 'sn', email: 'mail', mobile: 'mobile' }),
    /** The ppolicy entry whose pwdLockoutDuration says when a lock ends (absent: a lock lasts until cleared). */
    passwordPolicyDn: z.string().min(3).optional(),
  })
  .strict()
  .refine(requiresTls, tlsMessage);

export const activeDirectorySchema = z
  .object({
    kind: z.literal('active-directory'),
    ...connectionShape,
    userFilter: userFilter('(sAMAccountName={username})'),
    attributes: attributesSchema({ firstName: 'givenName', lastName: 'sn', email: 'otherMailbox', mobile: 'mobile' }),
    /**
     * Send LDAP_SERVER_POLICY_HINTS with resets, so Windows AD applies its own history to them.
     * Servers without it (Samba) refuse it; the kiosk then resets without it and its own history holds.
     */
    policyHints: z.boolean().default(true),
  })
  .strict()
  .refine(requiresTls, tlsMessage);

export const directorySchema = z
  .union([z.object({ kind: z.literal('sqlite') }).strict(), ldapDirectorySchema, activeDirectorySchema])
  .default({ kind: 'sqlite' });

export type DirectoryConfig = z.infer<typeof directorySchema>;
export type LdapDirectoryConfig = z.infer<typeof ldapDirectorySchema>;
export type ActiveDirectoryConfig = z.infer<typeof activeDirectorySchema>;
export type DirectoryServerConfig = LdapDirectoryConfig | ActiveDirectoryConfig;
