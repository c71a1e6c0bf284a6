import { z } from 'zod';

/**
 * The `sms` key: which text-message provider the kiosk uses and how to reach it, one shape per
 * `provider`. Checks that need the phone-number library or several keys at once (https required,
 * `from` or `messagingServiceSid`, placeholders present) run after this in load-config.
 */

/** The placeholders a gateway's body template may use; anything else in braces is a typo. */
export const smsBodyPlaceholders = ['to', 'text', 'from'] as const;
/** How a number is written into an email-to-text address: national digits or E.164 without "+". */
export const emailGatewayPlaceholders = ['national', 'e164digits'] as const;

const placeholderRun = /\{([^{}]*)\}/g;

const defaultRegion = z
  .string({ error: 'an ISO 3166 region code like GB or US' })
  .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 region code in capitals, like GB or US')
  .default('GB');

const timeoutSeconds = z
  .number({ error: 'a whole number of seconds from 1 to 60' })
  .int('a whole number of seconds from 1 to 60')
  .min(1, 'a whole number of seconds from 1 to 60')
  .max(60, 'a whole number of seconds from 1 to 60')
  .default(10);

const allowInsecureHttp = z.boolean({ error: 'true or false' }).default(false);

/** Names only: the values live in the environment, never in the file. */
const environmentName = z
  .string({ error: 'the name of an environment variable, like SSPR_SMS_TOKEN' })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable, like SSPR_SMS_TOKEN');

/** RFC 9110 token characters. */
const headerName = z
  .string({ error: 'an HTTP header name' })
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'an HTTP header name (letters, digits and - only)');

// Printable ASCII only: a line break would let a value add headers of its own.
const headerValue = z
  .string({ error: 'a header value (text)' })
  .max(1000, 'a header value of at most 1000 characters')
  .regex(/^[ -~]*$/, 'a header value of printable ASCII characters, no line breaks');

/** Headers the kiosk sets itself, or that would put a credential in the file. */
export const reservedHeaderNames = ['authorization', 'proxy-authorization', 'content-type', 'content-length', 'host', 'transfer-encoding', 'connection', 'cookie'];

const gatewayUrl = z
  .url({ protocol: /^https?$/, error: 'an https:// URL (http:// only with allowInsecureHttp: true)' })
  .max(2000, 'a URL of at most 2000 characters')
  .refine((value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value), 'a URL without a user name or password (credentials belong in the environment)')
  .refine((value) => !value.includes('#'), 'a URL without a #fragment');

function unknownPlaceholders(value: string, allowed: readonly string[]): string[] {
  return [...value.matchAll(placeholderRun)].map((match) => match[1] ?? '').filter((name) => !allowed.includes(name));
}

const templateValue = z
  .string({ error: 'text, which may contain {to}, {text} and {from}' })
  .max(2000, 'at most 2000 characters')
  .refine((value) => unknownPlaceholders(value, smsBodyPlaceholders).length === 0, {
    error: (issue) =>
      `unknown placeholder ${unknownPlaceholders(String(issue.input), smsBodyPlaceholders).map((name) => `{${name}}`).join(', ')}: use {to}, {text} or {from}`,
  });

const bodySchema = z
  .object(
    {
      encoding: z.enum(['json', 'form'], { error: 'json or form' }),
      /** Field name -> value; the placeholders are filled in and the result encoded, so a value cannot break out of its field. */
      template: z
        .record(z.string().min(1).max(100), templateValue, {
          error: (issue) =>
            issue.code === 'invalid_key' ? 'a field name of 1 to 100 characters' : 'fields and their values, e.g. { to: "{to}", message: "{text}" }',
        })
        .refine((template) => Object.keys(template).length > 0, 'at least one field, e.g. { to: "{to}", message: "{text}" }'),
    },
    { error: 'the request body: { encoding: json or form, template: { field: value } }' },
  )
  .strict();

const noneSchema = z.object({ provider: z.literal('none'), defaultRegion }).strict();
const demoSchema = z.object({ provider: z.literal('demo'), defaultRegion }).strict();

const httpSchema = z
  .object({
    provider: z.literal('http'),
    defaultRegion,
    url: gatewayUrl,
    method: z.enum(['POST', 'PUT'], { error: 'POST or PUT' }).default('POST'),
    /** Plain, non-secret headers; a credential goes in secretHeader. */
    headers: z
      .record(headerName, headerValue, {
        error: (issue) => (issue.code === 'invalid_key' ? 'not an HTTP header name (letters, digits and - only)' : 'header names and plain values'),
      })
      .refine((headers) => Object.keys(headers).every((name) => !reservedHeaderNames.includes(name.toLowerCase())), {
        error: (issue) => {
          const names = Object.keys(issue.input as Record<string, string>).filter((name) => reservedHeaderNames.includes(name.toLowerCase()));
          return `${names.join(', ')} cannot be set here: the kiosk sets Content-Type itself, and a credential belongs in secretHeader`;
        },
      })
      .default({}),
    /** One header whose value is read from the environment at start-up, e.g. Authorization. */
    secretHeader: z
      .object({
        name: headerName,
        valueEnv: environmentName,
        /** Put before the value, e.g. "Bearer ", so the variable holds the token alone. */
        prefix: z.string().max(40).regex(/^[ -~]*$/, 'printable ASCII, e.g. "Bearer "').default(''),
      })
      .strict()
      .optional(),
    body: bodySchema,
    /** Sender number or name, written where the template says {from}. */
    from: z
      .string({ error: 'a sender number or name' })
      .min(1, 'a sender number or name')
      .max(32, 'a sender number or name of at most 32 characters')
      .regex(/^[ -~]+$/, 'printable ASCII, no line breaks')
      .optional(),
    timeoutSeconds,
    /** What probe() asks; without it, probe() only opens a connection to the gateway. */
    healthCheck: z
      .object({ url: gatewayUrl, method: z.enum(['GET', 'HEAD'], { error: 'GET or HEAD' }).default('GET') })
      .strict()
      .optional(),
    allowInsecureHttp,
  })
  .strict();

const twilioSchema = z
  .object({
    provider: z.literal('twilio'),
    defaultRegion,
    accountSid: z
      .string({ error: 'a Twilio Account SID (AC followed by 32 hexadecimal characters)' })
      .regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio Account SID (AC followed by 32 hexadecimal characters)'),
    authTokenEnv: environmentName,
    /** The sending number in E.164 (checked with the phone-number library at load time). */
    from: z.string({ error: 'a phone number in E.164 form, like +447400123456' }).optional(),
    messagingServiceSid: z
      .string({ error: 'a Messaging Service SID (MG followed by 32 hexadecimal characters)' })
      .regex(/^MG[0-9a-fA-F]{32}$/, 'a Messaging Service SID (MG followed by 32 hexadecimal characters)')
      .optional(),
    baseUrl: gatewayUrl.refine((value) => !value.includes('?'), 'a URL without a ?query').default('https://api.twilio.com'),
    timeoutSeconds,
    allowInsecureHttp,
  })
  .strict();

const emailGatewaySchema = z
  .object({
    provider: z.literal('email-gateway'),
    defaultRegion,
    /** e.g. "{national}@sms.carrier.example" or "{e164digits}@sms.carrier.example". */
    addressTemplate: z
      .string({ error: 'an address like {national}@sms.carrier.example' })
      .max(200, 'an address of at most 200 characters')
      .regex(
        /^[A-Za-z0-9._+-]*\{(national|e164digits)\}[A-Za-z0-9._+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/,
        'an address with one {national} or {e164digits} placeholder before the @, like {national}@sms.carrier.example',
      ),
  })
  .strict();

export const smsProviderNames = ['none', 'demo', 'http', 'twilio', 'email-gateway'] as const;

export const smsSchema = z
  .discriminatedUnion('provider', [noneSchema, demoSchema, httpSchema, twilioSchema, emailGatewaySchema], {
    error: (issue) => (issue.code === 'invalid_union' ? `one of ${smsProviderNames.join(', ')}` : undefined),
  })
  .default({ provider: 'none', defaultRegion: 'GB' });

export type SmsConfig = z.infer<typeof smsSchema>;
export type HttpSmsConfig = Extract<SmsConfig, { provider: 'http' }>;
export type TwilioSmsConfig = Extract<SmsConfig, { provider: 'twilio' }>;
export type EmailGatewaySmsConfig = Extract<SmsConfig, { provider: 'email-gateway' }>;
