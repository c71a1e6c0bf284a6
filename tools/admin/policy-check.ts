import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import { failedPureRules, normalizeForPolicy } from '../../shared/policy/composition.js';
import { presetNames, type PolicyRules, type PresetName } from '../../shared/policy/policy-config.js';
import type { PolicyRuleCode } from '../../shared/policy/rule-codes.js';
import { createDemoConfig } from '../../electron/core/config/demo-config.js';
import { effectivePolicy } from '../../electron/core/config/effective-policy.js';
import { loadConfig } from '../../electron/core/config/load-config.js';
import { guessabilityOptionsFromConfig } from '../../electron/core/guessability/from-config.js';
import { loadGuessabilityEngine } from '../../electron/core/guessability/index.js';
import type { GuessabilityChecker, GuessabilityContext } from '../../electron/core/ports.js';
import { parseFlags, UsageError } from './args.js';

export const policyCheckUsage =
  'policy check [--config FILE] [--preset NAME] [--username U] [--first NAME] [--last NAME]  < passwords, one per line';

export interface PolicyCheckSetup {
  rules: PolicyRules;
  person: GuessabilityContext;
  engine: GuessabilityChecker;
}

/** Loads the config (default: the demo config) and the same engine the kiosk would. */
export function setUpPolicyCheck(args: readonly string[]): PolicyCheckSetup {
  const flags = parseFlags(args, ['config', 'preset', 'username', 'first', 'last']);
  const configFile = flags.get('config');
  const config: KioskConfig = configFile === undefined ? createDemoConfig(tmpdir()) : loadConfig(configFile);
  const preset = flags.get('preset');
  if (preset !== undefined && !presetNames.includes(preset as PresetName)) {
    throw new UsageError(`--preset must be one of ${presetNames.join(', ')}`);
  }
  const chosen = preset === undefined ? config : { ...config, policy: { ...config.policy, preset: preset as PresetName } };
  const rules = effectivePolicy(chosen);
  const person: GuessabilityContext = { username: flags.get('username') ?? '' };
  const first = flags.get('first');
  const last = flags.get('last');
  if (first !== undefined) person.firstName = first;
  if (last !== undefined) person.lastName = last;
  return { rules, person, engine: loadGuessabilityEngine(guessabilityOptionsFromConfig(chosen, rules)) };
}

/** Every rule the kiosk would refuse the password for before submit, judged as password-judge does. */
export function judgeCandidate(password: string, setup: PolicyCheckSetup): PolicyRuleCode[] {
  const { rules, person, engine } = setup;
  return [...new Set([...failedPureRules(password, person, rules), ...engine.check(normalizeForPolicy(password, rules), person)])];
}

/** The exact shape, spaces included: {"line": 1, "accepted": false, "rules": ["banned_term", "breached"]}. */
export function verdictLine(line: number, rules: readonly PolicyRuleCode[]): string {
  return `{"line": ${line}, "accepted": ${rules.length === 0}, "rules": [${rules.map((rule) => JSON.stringify(rule)).join(', ')}]}`;
}

/**
 * One JSON object per input line, in order. The password itself is never written anywhere:
 * only its line number and the codes of the rules it breaks.
 */
export async function runPolicyCheck(setup: PolicyCheckSetup, input: Readable, output: Writable): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const password of lines) {
    line += 1;
    output.write(`${verdictLine(line, judgeCandidate(password, setup))}\n`);
  }
  return line;
}
