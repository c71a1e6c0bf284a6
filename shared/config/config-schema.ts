import { languageCodes, languageSchema, type Language } from '../i18n/languages.js';
import { z } from 'zod';
import { policyRulesSchema, presetNames, type PresetName } from '../policy/policy-config.js';
import { directorySchema } from './directory-config-schema.js';
import { smsSchema } from './sms-config-schema.js';

/**
 * The kiosk's one configuration file (JSON or YAML), validated at start-up. Every key has a default
 * except where a real deployment must decide (SMTP host, database path), so a wrong value stops
 * start-up with a message naming the key, and a missing file means demo mode.
 */
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1a2b3c');

// Dot-separated labels of letters, digits and inner hyphens; a letter-led last label, so an IP
// address (which EHLO would need as [1.2.3.4]) does not pass for a name.
const fullyQualifiedHostName = z
  .string()
  .max(253)
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/,
    'a fully qualified host name like kiosk-1.example.ac.uk',
  );

const minutes = (value: number) => z.number().int().min(1).max(60 * 24 * 30).default(value);

const throttleRule = (limit: number, windowMinutes: number, blockMinutes: number) =>
  z
    .object({ limit: z.number().int().min(1).max(10_000), windowMinutes: minutes(windowMinutes), blockMinutes: minutes(blockMinutes) })
    .strict()
    .default({ limit, windowMinutes, blockMinutes });

/** Per-kiosk pacing (electron/core/throttle/pacing.ts): free events, then doubling waits, and a ceiling. */
const pacingRule = (defaults: { free: number; limit: number; windowMinutes: number; firstWaitSeconds: number; maxWaitSeconds: number }) =>
  z
    .object({
      free: z.number().int().min(0).max(10_000).default(defaults.free),
      limit: z.number().int().min(1).max(10_000).default(defaults.limit),
      windowMinutes: minutes(defaults.windowMinutes),
      firstWaitSeconds: z.number().int().min(1).max(3600).default(defaults.firstWaitSeconds),
      maxWaitSeconds: z.number().int().min(1).max(24 * 3600).default(defaults.maxWaitSeconds),
    })
    .strict()
    .refine((rule) => rule.free <= rule.limit, 'free must not be larger than limit')
    .refine((rule) => rule.firstWaitSeconds <= rule.maxWaitSeconds, 'firstWaitSeconds must not be larger than maxWaitSeconds')
    .default(defaults);

export const defaultIdDocuments = ['University ID card', 'Passport', 'Driving licence', 'National identity card'];

export const kioskRequestsDefaults = { free: 20, limit: 60, windowMinutes: 10, firstWaitSeconds: 2, maxWaitSeconds: 60 };
export const kioskFailedProofsDefaults = { free: 30, limit: 120, windowMinutes: 60, firstWaitSeconds: 2, maxWaitSeconds: 60 };

/** Where the kiosk keeps its state: one SQLite file per kiosk, or one PostgreSQL database shared by many. */
export const storeSchema = z.preprocess(
  // `kind` may be left out for the embedded default: `store: { path: data/kiosk.db }`.
  (value) => (typeof value === 'object' && value !== null && !('kind' in value) ? { kind: 'sqlite', ...value } : value),
  z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite'), path: z.string().min(1) }).strict(),
  z
    .object({
      kind: z.literal('postgres'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(5432),
      database: z.string().min(1),
      user: z.string().min(1),
      /** Name of the environment variable holding the password: secrets never live in the file. */
      passwordEnv: z.string().min(1).optional(),
      tls: z
        .object({
          /** require: encrypted, certificate checked against caFile or the system CAs; disable: loopback or a trusted network only. */
          mode: z.enum(['require', 'disable']).default('require'),
          caFile: z.string().min(1).optional(),
          servername: z.string().min(1).optional(),
        })
        .strict()
        .default({ mode: 'require' }),
      poolSize: z.number().int().min(1).max(50).default(4),
      connectTimeoutSeconds: z.number().int().min(1).max(120).default(10),
    })
    .strict(),
  ]),
);

export const brandingSchema = z
  .object({
    organisationName: z.string().min(1).max(120),
    /** Shown on the start screen above the organisation name, e.g. "IT Services". */
    departmentName: z.string().min(1).max(120).default('IT Services'),
    /**
     * What a username looks like here (e.g. "jsmith42"), shown as an example under every username box.
     * Not an email address: the kiosk refuses an "@" in the username box before anything is sent.
     */
    usernameExample: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[^@\s]+$/, 'a username like jsmith42: no spaces and no "@"')
      .optional(),
    /** Path to a PNG or SVG logo, read by main and sent to the renderer as a data URL. */
    logoPath: z.string().min(1).optional(),
    colours: z
      .object({
        primary: colour.default('#1d3f73'),
        accent: colour.default('#0b7a4b'),
        background: colour.default('#f6f7f9'),
        text: colour.default('#111827'),
      })
      .strict()
      .default({ primary: '#1d3f73', accent: '#0b7a4b', background: '#f6f7f9', text: '#111827' }),
    serviceDesk: z
      .object({
        name: z.string().min(1).max(120).default('Service Desk'),
        location: z.string().max(200).default(''),
        phone: z.string().max(60).default(''),
        email: z.string().max(200).default(''),
        hours: z.string().max(200).default(''),
      })
      .strict(),
  })
  .strict();

export const smtpSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** true: implicit TLS (port 465). false: plain connect, upgraded with STARTTLS when offered. */
    secure: z.boolean().default(false),
    /** Refuse to send unless STARTTLS succeeds. */
    requireTLS: z.boolean().default(true),
    /**
     * The name the kiosk greets the server with (EHLO). Defaults to the machine's host name, which
     * relays that check it (e.g. Postfix's reject_non_fqdn_helo_hostname) may refuse.
     */
    name: fullyQualifiedHostName.optional(),
    auth: z
      .object({
        user: z.string().min(1),
        /** Name of the environment variable holding the password: secrets never live in the file. */
        passwordEnv: z.string().min(1),
      })
      .strict()
      .optional(),
    tls: z
      .object({
        rejectUnauthorized: z.boolean().default(true),
        servername: z.string().optional(),
        /** Path to a PEM file with extra CA certificates. */
        caFile: z.string().optional(),
        minVersion: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
      })
      .strict()
      .default({ rejectUnauthorized: true, minVersion: 'TLSv1.2' }),
    pool: z.boolean().default(true),
  })
  .strict();

export const configSchema = z
  .object({
    /** Demo mode: fictional organisation, fresh demo database, messages shown in the kiosk, never sent. */
    demo: z.boolean().default(false),
    kiosk: z
      .object({
        id: z.string().min(1).max(64).default('kiosk-1'),
        location: z.string().max(200).default(''),
        sessionMinutes: z.number().int().min(1).max(60).default(15),
        idleSeconds: z.number().int().min(30).max(3600).default(120),
        doneReturnSeconds: z.number().int().min(3).max(120).default(10),
        /**
         * on: focusing a text box shows a keyboard on the screen (a digit pad for codes and PINs), for
         * touch-only kiosks. off: the kiosk relies on a physical keyboard. true/false are read as on/off
         * (a YAML 1.1 tool writes a bare on/off as a boolean).
         */
        onScreenKeyboard: z.preprocess((value) => (value === true ? 'on' : value === false ? 'off' : value), z.enum(['off', 'on'])).default('off'),
        /**
         * An argon2id hash (`npm run --silent admin -- pin hash`) of the PIN that lets an administrator
         * quit the kiosk app without a technician session. Absent: only a signed-in technician can quit.
         * The argon2 library writes the parameters as "m=…,p=…,t=…": m, t and p are accepted in any order.
         */
        adminPinHash: z.string().regex(/^\$argon2id\$v=19\$(?=[^$]*m=)(?=[^$]*t=)(?=[^$]*p=)[mtp]=\d+,[mtp]=\d+,[mtp]=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/, 'must be an argon2id hash made by "admin pin hash"').optional(),
      })
      .strict()
      .default({ id: 'kiosk-1', location: '', sessionMinutes: 15, idleSeconds: 120, doneReturnSeconds: 10, onScreenKeyboard: 'off' }),
    branding: brandingSchema,
    store: storeSchema,
    /** People's accounts: the kiosk's own store (default), an LDAP directory, or Active Directory. */
    directory: directorySchema,
    /**
     * The deployment key (32 random bytes, base64 or hex) that protects what the database alone must
     * not reveal: a file (mode 0600) or an environment variable on each kiosk, never in the database.
     * Kiosks sharing a database must share the key. Without either, a SQLite kiosk keeps its key in a
     * file beside its database (created on first start).
     */
    secrets: z
      .object({ keyFile: z.string().min(1).optional(), keyEnv: z.string().min(1).optional() })
      .strict()
      .refine((secrets) => secrets.keyFile === undefined || secrets.keyEnv === undefined, 'set keyFile or keyEnv, not both')
      .default({}),
    mail: z
      .object({
        from: z.string().min(3),
        smtp: smtpSchema.optional(),
      })
      .strict(),
    /** Text-message provider: none, demo, a generic HTTP gateway, Twilio, or a carrier's email-to-text gateway. */
    sms: smsSchema,
    codes: z
      .object({
        /** 8 by default: with the per-kiosk ceiling on wrong codes it keeps a guess per kiosk-day under 1 in 10,000. */
        length: z.number().int().min(6).max(10).default(8),
        ttlMinutes: z.number().int().min(1).max(10).default(10),
        maxTriesPerCode: z.number().int().min(1).max(10).default(5),
      })
      .strict()
      .default({ length: 8, ttlMinutes: 10, maxTriesPerCode: 5 }),
    throttle: z
      .object({
        /** Entra: 5 failed proofs in 24 h -> blocked 24 h. */
        failedProofs: throttleRule(5, 1440, 1440),
        /** Entra: 10 emails in 10 min -> blocked 24 h. */
        emailSends: throttleRule(10, 10, 1440),
        /** Entra: 5 text attempts in 1 h -> blocked 24 h. */
        smsSends: throttleRule(5, 60, 1440),
        /** Code requests at one kiosk, against scripted abuse: short doubling waits, never a long lock-out. */
        kioskRequests: pacingRule(kioskRequestsDefaults),
        /** Wrong codes at one kiosk across all names: bounds the guesses one kiosk can check in a day. */
        kioskFailedProofs: pacingRule(kioskFailedProofsDefaults),
        /** Wrong technician sign-ins (or admin PINs), per name as typed: 5 in 15 min blocks it for 15 min. */
        technicianSignIns: throttleRule(5, 15, 15),
      })
      .strict()
      .default({
        failedProofs: { limit: 5, windowMinutes: 1440, blockMinutes: 1440 },
        emailSends: { limit: 10, windowMinutes: 10, blockMinutes: 1440 },
        smsSends: { limit: 5, windowMinutes: 60, blockMinutes: 1440 },
        kioskRequests: kioskRequestsDefaults,
        kioskFailedProofs: kioskFailedProofsDefaults,
        technicianSignIns: { limit: 5, windowMinutes: 15, blockMinutes: 15 },
      }),
    /** Technician mode and the Service Desk handoff. */
    technician: z
      .object({
        /** A technician session ends after this long without a technician's (or the assisted person's) step. */
        idleSeconds: z.number().int().min(30).max(3600).default(180),
        /** How long a help ticket can be looked up after it was made. */
        ticketMinutes: z.number().int().min(5).max(7 * 24 * 60).default(240),
        /** The identity documents a technician can record as checked (the type only, never a number). */
        idDocuments: z
          .array(z.string().trim().min(1).max(80))
          .min(1)
          .max(20)
          .refine((list) => new Set(list).size === list.length, 'must not list a document twice')
          .default(defaultIdDocuments),
      })
      .strict()
      .default({ idleSeconds: 180, ticketMinutes: 240, idDocuments: defaultIdDocuments }),
    /** "Set up password reset and sign-in methods". */
    registration: z
      .object({
        /** How many methods a person must keep registered (removing below it is refused). */
        requiredMethods: z.number().int().min(1).max(3).default(1),
        /** The organisation's own mail domains (and their subdomains): a personal address is wanted. */
        blockedEmailDomains: z
          .array(z.string().trim().toLowerCase().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name like example.ac.uk'))
          .max(100)
          .default([]),
        /** A method added or changed within this many days cannot be used for reset or unlock (0: off). */
        coolingOffDays: z.number().int().min(0).max(90).default(0),
      })
      .strict()
      .default({ requiredMethods: 1, blockedEmailDomains: [], coolingOffDays: 0 }),
    /** The languages offered on the start screen, and the one each walk-up session starts in. */
    languages: z
      .object({
        offered: z
          .array(languageSchema)
          .min(1)
          .refine((list) => new Set(list).size === list.length, 'must not list a language twice')
          .default([...languageCodes]),
        /** Absent: the first language offered. */
        default: languageSchema.optional(),
      })
      .strict()
      .transform(({ offered, default: chosen }) => ({ offered, default: chosen ?? (offered[0] as Language) }))
      .refine((languages) => languages.offered.includes(languages.default), 'languages.default must be one of languages.offered')
      .default({ offered: [...languageCodes], default: 'en' }),
    reset: z
      .object({
        /** 2: reset and unlock need codes from two different methods. */
        requiredProofs: z.union([z.literal(1), z.literal(2)]).default(1),
      })
      .strict()
      .default({ requiredProofs: 1 }),
    /**
     * The embedded directory's own lockout (an LDAP or AD directory applies its own policy): wrong
     * current passwords at "Change your password" lock the account for lockMinutes (0: until
     * unlocked), after which, or sooner with "Account locked?", the person can sign in again.
     */
    lockout: z
      .object({
        failedSignIns: z
          .object({ limit: z.number().int().min(1).max(1000), windowMinutes: minutes(30), lockMinutes: z.number().int().min(0).max(60 * 24 * 30).default(30) })
          .strict()
          .default({ limit: 10, windowMinutes: 30, lockMinutes: 30 }),
      })
      .strict()
      .default({ failedSignIns: { limit: 10, windowMinutes: 30, lockMinutes: 30 } }),
    /** Code delivery: how the kiosk judges whether mail (or texts) can be sent at all. */
    delivery: z
      .object({
        /** A health verdict older than this is renewed by the next code request (anyone's, alike). */
        probeMaxAgeSeconds: z.number().int().min(1).max(3600).default(30),
        /** While a channel is down, probes back off from 5 s, doubling, to at most this. */
        downRetryMaxSeconds: z.number().int().min(5).max(3600).default(300),
      })
      .strict()
      .default({ probeMaxAgeSeconds: 30, downRetryMaxSeconds: 300 }),
    /** Notices of changes (e.g. "your password was reset") wait in a persistent outbox until sent. */
    notifications: z
      .object({ giveUpAfterHours: z.number().int().min(1).max(24 * 30).default(72) })
      .strict()
      .default({ giveUpAfterHours: 72 }),
    audit: z
      .object({
        /** Records older than this are exported to exportDir, then deleted; 0 keeps them for ever. */
        retentionDays: z.number().int().min(0).max(3650).default(365),
        /** JSON Lines files of exported records (relative paths: against the config file's folder). */
        exportDir: z.string().min(1).default('audit-export'),
      })
      .strict()
      .default({ retentionDays: 365, exportDir: 'audit-export' }),
    hashing: z
      .object({
        memoryKiB: z.number().int().min(19456).max(1_048_576).default(19456),
        timeCost: z.number().int().min(2).max(20).default(2),
        parallelism: z.number().int().min(1).max(16).default(1),
      })
      .strict()
      .default({ memoryKiB: 19456, timeCost: 2, parallelism: 1 }),
    policy: z
      .object({
        preset: z.enum(presetNames as [PresetName, ...PresetName[]]).default('campus'),
        /** Any rule of the preset can be overridden, one key at a time. */
        overrides: policyRulesSchema.partial().strict().default({}),
        /** The organisation's own banned terms (Entra: at most 1000, 4-16 characters each). */
        customBannedTerms: z.array(z.string().min(4).max(16)).max(1000).default([]),
      })
      .strict()
      .default({ preset: 'campus', overrides: {}, customBannedTerms: [] }),
  })
  .strict();

export type KioskConfig = z.infer<typeof configSchema>;
export type BrandingConfig = z.infer<typeof brandingSchema>;
export type SmtpConfig = z.infer<typeof smtpSchema>;
export type StoreConfig = z.infer<typeof storeSchema>;
export type PacingConfig = KioskConfig['throttle']['kioskRequests'];
export type { SmsConfig } from './sms-config-schema.js';

/** One line per problem, naming the key and what was expected. */
export function describeConfigIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const key = issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
    return `${key}: ${issue.message}`;
  });
}
