import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configSchema, describeConfigIssues, type KioskConfig } from '../../../shared/config/config-schema.js';
import { MailInputError } from '../mail/mail-errors.js';
import { assertMailBranding } from '../mail/templates.js';
import { checkedValue } from '../mail/template-values.js';
import { ConfigError } from './config-error.js';
import { maxEventsPerDay } from '../throttle/pacing.js';
import { effectivePolicy } from './effective-policy.js';
import { guessChancePerKioskDay, maxGuessChancePerKioskDay } from './guess-bound.js';
import { smsConfigProblems } from './sms-config-checks.js';

/**
 * Reads the kiosk's JSON or YAML configuration, validates it, and resolves relative paths against the
 * file's own folder (so the kiosk behaves the same whatever folder it was started from).
 */
export function loadConfig(file: string): KioskConfig {
  const source = path.resolve(file);
  const text = readText(source);
  const raw = parseText(source, text);
  return validateConfig(raw, source, path.dirname(source));
}

/** Validation shared by loadConfig and tests that build a config in memory. */
export function validateConfig(raw: unknown, source: string, baseDir: string): KioskConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, describeConfigIssues(parsed.error));
  const config = resolvePaths(parsed.data, baseDir);
  const problems = crossFieldProblems(config);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return config;
}

function readText(source: string): string {
  try {
    return readFileSync(source, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : 'the file could not be read';
    throw new ConfigError(source, [`(file): ${reason}`]);
  }
}

function parseText(source: string, text: string): unknown {
  const isJson = path.extname(source).toLowerCase() === '.json';
  try {
    // YAML is a superset of JSON, but JSON.parse gives the clearer message for a .json file.
    return isJson ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    throw new ConfigError(source, [`(file): expected valid ${isJson ? 'JSON' : 'YAML'} (${detail})`]);
  }
}

function resolvePaths(config: KioskConfig, baseDir: string): KioskConfig {
  const resolve = (value: string) => (value === ':memory:' ? value : path.resolve(baseDir, value));
  const { logoPath } = config.branding;
  const tls = config.mail.smtp?.tls;
  const store = config.store;
  return {
    ...config,
    store:
      store.kind === 'sqlite'
        ? { ...store, path: resolve(store.path) }
        : { ...store, tls: store.tls.caFile === undefined ? store.tls : { ...store.tls, caFile: resolve(store.tls.caFile) } },
    secrets: config.secrets.keyFile === undefined ? config.secrets : { ...config.secrets, keyFile: resolve(config.secrets.keyFile) },
    audit: { ...config.audit, exportDir: resolve(config.audit.exportDir) },
    branding: logoPath === undefined ? config.branding : { ...config.branding, logoPath: resolve(logoPath) },
    directory:
      config.directory.kind === 'sqlite' || config.directory.caFile === undefined
        ? config.directory
        : { ...config.directory, caFile: resolve(config.directory.caFile) },
    mail:
      config.mail.smtp === undefined || tls?.caFile === undefined
        ? config.mail
        : { ...config.mail, smtp: { ...config.mail.smtp, tls: { ...tls, caFile: resolve(tls.caFile) } } },
  };
}

const logoTypes = ['.png', '.svg', '.jpg', '.jpeg', '.webp'];

function crossFieldProblems(config: KioskConfig): string[] {
  const problems: string[] = [];
  const rules = effectivePolicy(config);
  if (rules.minLength > rules.maxLength) {
    problems.push(`policy.overrides: minLength (${rules.minLength}) must not be larger than maxLength (${rules.maxLength})`);
  }
  if (!config.demo && config.mail.smtp === undefined) {
    problems.push('mail.smtp: required unless demo is true (the kiosk must be able to send codes)');
  }
  const { logoPath } = config.branding;
  if (logoPath !== undefined) {
    if (!logoTypes.includes(path.extname(logoPath).toLowerCase())) {
      problems.push(`branding.logoPath: expected a ${logoTypes.join(', ')} file`);
    } else if (!existsSync(logoPath)) {
      problems.push(`branding.logoPath: expected an existing file (${logoPath})`);
    }
  }
  if (config.store.kind === 'postgres' && config.secrets.keyFile === undefined && config.secrets.keyEnv === undefined) {
    problems.push('secrets: keyFile or keyEnv is required when store.kind is postgres (every kiosk sharing the database needs the same deployment key)');
  }
  if (config.store.kind === 'postgres' && config.store.tls.caFile !== undefined && !existsSync(config.store.tls.caFile)) {
    problems.push(`store.tls.caFile: expected an existing file (${config.store.tls.caFile})`);
  }
  if (config.demo && config.directory.kind !== 'sqlite') {
    problems.push('directory.kind: demo mode keeps its fictional people in the kiosk; use sqlite (or leave directory out) with demo: true');
  }
  problems.push(...guessBoundProblems(config));
  const caFile = config.mail.smtp?.tls.caFile;
  if (caFile !== undefined && !existsSync(caFile)) problems.push(`mail.smtp.tls.caFile: expected an existing file (${caFile})`);
  problems.push(...mailTextProblems(config));
  problems.push(...smsConfigProblems(config));
  return problems;
}

/**
 * The chance that someone at one kiosk guesses a live code in a day is bounded by the wrong codes the
 * kiosk accepts in a day (throttle.kioskFailedProofs) over the number of possible codes. A
 * configuration that lets it reach 1 in 10,000 is refused rather than run.
 */
function guessBoundProblems(config: KioskConfig): string[] {
  const guesses = maxEventsPerDay(config.throttle.kioskFailedProofs) + 1;
  const chance = guessChancePerKioskDay(guesses, config.codes.length);
  if (chance < maxGuessChancePerKioskDay) return [];
  const rule = config.throttle.kioskFailedProofs;
  return [
    `codes.length: ${config.codes.length} digits with throttle.kioskFailedProofs at ${rule.limit} per ${rule.windowMinutes} min lets one kiosk check ${guesses} guesses a day, a ${chance.toExponential(1)} chance of guessing a live code; use longer codes or a lower limit (the chance must stay under ${maxGuessChancePerKioskDay})`,
  ];
}

/**
 * Values the emails carry go through the templates' own checks (no link, no line break) here, so a
 * value the templates would refuse stops start-up instead of leaving every code and notice unsent.
 */
function mailTextProblems(config: KioskConfig): string[] {
  const { organisationName, departmentName, serviceDesk } = config.branding;
  const checks: Array<() => void> = [
    () => assertMailBranding({ organisationName, departmentName, serviceDesk }),
    () => checkedValue('kiosk.id', config.kiosk.id, { required: true }),
    () => checkedValue('kiosk.location', config.kiosk.location, { required: false }),
  ];
  const problems: string[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      // The message names the key and the problem, never the value.
      if (error instanceof MailInputError) problems.push(error.message);
      else throw error;
    }
  }
  return problems;
}
