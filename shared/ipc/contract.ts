import { languageSchema, type Language } from '../i18n/languages.js';
import { z } from 'zod';
import type { ProofMethod, SessionView } from '../flow/stages.js';
import type { PolicyRules } from '../policy/policy-config.js';
import type { PolicyRuleCode } from '../policy/rule-codes.js';
import { ticketAlphabet, ticketLength } from '../technician/help-ticket-code.js';
import type { TechnicianView } from '../technician/technician-view.js';

/**
 * The only place channel names appear. Each channel maps a zod request schema to a response type;
 * main parses every payload with the schema before a service sees it, and the preload's named
 * functions are derived from this table.
 */

// eslint-disable-next-line no-control-regex -- NUL and other control characters are refused at the boundary
const noControlCharacters = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);
/** A lone surrogate is not text: hashing would turn every one into U+FFFD, so two passwords would collide. */
const wellFormed = (value: string) => !/\p{Cs}/u.test(value);

export const usernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .refine(noControlCharacters, 'must not contain control characters')
  .refine(wellFormed, 'must be well-formed Unicode');

export const codeSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9]{4,10}$/));

/** Long enough for any preset; the policy (not the schema) says "too long" in words. */
export const passwordSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((value) => !value.includes('\u0000'), 'must not contain NUL')
  .refine(wellFormed, 'must be well-formed Unicode');

const empty = z.object({}).strict();

/** A registered method's opaque id as main gave it ("email:12", "phone:3", "app:1"). */
export const methodIdSchema = z.string().regex(/^(email|phone|app):[0-9]{1,12}$/);

/**
 * Loose on purpose: main judges the address (format, blocked domains) and answers in words; the
 * schema only keeps out what no address can be.
 */
export const emailAddressSchema = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .refine(noControlCharacters, 'must not contain control characters')
  .refine(wellFormed, 'must be well-formed Unicode');

/** As typed ("07700 900123", "+44 7700 900123"); main parses it to E.164 and answers in words. */
export const phoneNumberSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .refine(noControlCharacters, 'must not contain control characters');

/** A help ticket as read out or typed by a technician: case, spaces and dashes do not matter. */
export const ticketCodeSchema = z
  .string()
  .max(32)
  .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().length(ticketLength).regex(new RegExp(`^[${ticketAlphabet}]+$`)));

/** An app code: 6 digits (spaces allowed between groups). */
export const appCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ''))
  .pipe(z.string().regex(/^[0-9]{6}$/));

/** The admin PIN that lets an administrator quit the kiosk app without a technician session. */
export const adminPinSchema = z.string().regex(/^[0-9]{6,12}$/);

/** One of config technician.idDocuments, as listed in the technician view (main checks the list). */
export const idDocumentSchema = z.string().trim().min(1).max(80).refine(noControlCharacters, 'must not contain control characters');

export interface ServiceDeskInfo {
  name: string;
  location: string;
  phone: string;
  email: string;
  hours: string;
}

export interface KioskInfo {
  organisationName: string;
  departmentName: string;
  /** branding.usernameExample: the example under the username box; null shows the hint without one. */
  usernameExample: string | null;
  colours: { primary: string; accent: string; background: string; text: string };
  logoDataUrl: string | null;
  serviceDesk: ServiceDeskInfo;
  demo: boolean;
  kioskId: string;
  policy: PolicyRules;
  idleSeconds: number;
  /** What the method chooser offers (to everyone alike). */
  proofMethods: ProofMethod[];
  /** Whether "Set up password reset and sign-in methods" is offered, and why not when it is not. */
  registration: { available: boolean; requiredMethods: number; requiredProofs: number };
  /** Technician mode: the console's idle limit, how long a help ticket lasts, and whether an admin PIN can quit. */
  technician: { idleSeconds: number; ticketMinutes: number; quitByPin: boolean };
  /** The languages the start screen offers, and the one every walk-up session starts in. */
  languages: { offered: Language[]; default: Language };
  /** Whether focusing a text box shows the on-screen keyboard (config `kiosk.onScreenKeyboard`). */
  onScreenKeyboard: 'off' | 'on';
}

export interface PasswordVerdict {
  /** Empty when the password passes every rule main can judge before submit. */
  failed: PolicyRuleCode[];
}

export interface DemoMessage {
  id: number;
  channel: 'email' | 'sms';
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

export const contract = {
  'kiosk:info': { request: empty, response: {} as KioskInfo },
  'session:get': { request: empty, response: {} as SessionView },
  'session:startOver': { request: empty, response: {} as SessionView },
  /** The person is still there (a key or touch the page saw): main's idle limit starts again. */
  'session:stillHere': { request: empty, response: {} as SessionView },
  /**
   * The walk-up session's language, chosen on the start screen: main writes the session's emails and
   * texts in it, and goes back to the default language when the session ends.
   */
  'session:setLanguage': { request: z.object({ language: languageSchema }).strict(), response: {} as { language: Language } },
  /** Starts a journey that proves identity by a code: reset a forgotten password, or unlock the account. */
  'journey:begin': {
    request: z.object({ purpose: z.enum(['reset', 'unlock']), username: usernameSchema }).strict(),
    response: {} as SessionView,
  },
  /**
   * Starts a journey that proves identity by the current password: change a password you know, or set
   * up reset and sign-in methods (never offered without the current password).
   */
  'journey:signIn': {
    request: z.object({ purpose: z.enum(['change', 'register']), username: usernameSchema, password: passwordSchema }).strict(),
    response: {} as SessionView,
  },
  'code:choose': {
    request: z.object({ method: z.enum(['email', 'sms', 'app']) }).strict(),
    response: {} as SessionView,
  },
  'code:resend': { request: empty, response: {} as SessionView },
  'code:verify': { request: z.object({ code: codeSchema }).strict(), response: {} as SessionView },
  'password:set': {
    request: z.object({ password: passwordSchema, confirmation: passwordSchema }).strict(),
    response: {} as SessionView,
  },
  /** Registration (signed in, at `methods`): add or change a personal email; a code goes to it. */
  'method:addEmail': {
    request: z.object({ email: emailAddressSchema, confirmation: emailAddressSchema, replaces: methodIdSchema.optional() }).strict(),
    response: {} as SessionView,
  },
  /** Add or change a mobile number; a text code goes to it. */
  'method:addPhone': {
    request: z.object({ phone: phoneNumberSchema, replaces: methodIdSchema.optional() }).strict(),
    response: {} as SessionView,
  },
  /** Add or change the authenticator app: main makes a new secret and shows it once. */
  'method:addApp': { request: z.object({ replaces: methodIdSchema.optional() }).strict(), response: {} as SessionView },
  'method:resendCode': { request: empty, response: {} as SessionView },
  /** The code sent to the new email or phone, or the code from the new app. */
  'method:confirm': { request: z.object({ code: codeSchema }).strict(), response: {} as SessionView },
  'method:remove': { request: z.object({ id: methodIdSchema }).strict(), response: {} as SessionView },
  /** Saves the reviewed change; notices go to every address on record before and after it. */
  'method:save': { request: empty, response: {} as SessionView },
  /** Drops the change in progress and goes back to the list of methods. */
  'method:cancel': { request: empty, response: {} as SessionView },
  /**
   * "Get a help ticket" (at choose_method or code_sent of reset or unlock): made for any typed name
   * alike, with what the kiosk saw in this session, for the technician to look up.
   */
  'ticket:create': { request: empty, response: {} as SessionView },
  /** The technician session, or `{ signedIn: false }`: open to the page, it reveals nothing. */
  'technician:get': { request: empty, response: {} as TechnicianView },
  /** Username, password and a code from the technician's authenticator app; throttled and audited. */
  'technician:signIn': {
    request: z.object({ username: usernameSchema, password: passwordSchema, code: appCodeSchema }).strict(),
    response: {} as TechnicianView,
  },
  // Every channel below up to kiosk:quit needs a technician session held in main (see technicianChannels).
  'technician:signOut': { request: empty, response: {} as TechnicianView },
  /** The technician is still there: main's idle limit for the technician session starts again. */
  'technician:stillHere': { request: empty, response: {} as TechnicianView },
  /** Looks a person up by username or by help ticket; ends any case (and assisted step) in progress. */
  'technician:lookup': {
    request: z.union([z.object({ username: usernameSchema }).strict(), z.object({ ticket: ticketCodeSchema }).strict()]),
    response: {} as TechnicianView,
  },
  'technician:recordIdCheck': {
    request: z.object({ document: idDocumentSchema, seenInPerson: z.literal(true) }).strict(),
    response: {} as TechnicianView,
  },
  /** After the ID check: clears the directory's lock; the person is notified. */
  'technician:unlock': { request: empty, response: {} as TechnicianView },
  /** After the ID check: clears the person's self-service blocks (failed proofs, code sends); notified. */
  'technician:clearBlocks': { request: empty, response: {} as TechnicianView },
  /**
   * After the ID check: the walk-up screens switch to a person-only step for this person: a new password
   * (reset), a code to a registered method first (reset_with_code), or setting up a first method (enrol).
   */
  'technician:assist': {
    request: z.object({ kind: z.enum(['reset', 'reset_with_code', 'enrol']) }).strict(),
    response: {} as TechnicianView,
  },
  /** Ends the person-only step (the walk-up session goes back to the start); the case stays open. */
  'technician:endAssist': { request: empty, response: {} as TechnicianView },
  /** Closes the case: back to an empty lookup. */
  'technician:closeCase': { request: empty, response: {} as TechnicianView },
  /**
   * Leaves kiosk mode: allowed with a technician session open, or with the admin PIN (config
   * kiosk.adminPinHash, argon2id). Main then asks the shell to quit (Electron: app.quit()).
   */
  'kiosk:quit': { request: z.object({ pin: adminPinSchema.optional() }).strict(), response: {} as { quitting: true } },
  'policy:check': { request: z.object({ password: passwordSchema }).strict(), response: {} as PasswordVerdict },
  'demo:inbox': { request: empty, response: {} as DemoMessage[] },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = Contract[C]['response'];
export const channels = Object.keys(contract) as Channel[];

/**
 * Channels main refuses (TECHNICIAN_REQUIRED) unless a technician session is open in main: the
 * router checks main's own session before parsing, never a flag sent by the page.
 */
export const technicianChannels: ReadonlySet<Channel> = new Set<Channel>([
  'technician:signOut',
  'technician:stillHere',
  'technician:lookup',
  'technician:recordIdCheck',
  'technician:unlock',
  'technician:clearBlocks',
  'technician:assist',
  'technician:endAssist',
  'technician:closeCase',
]);
