import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import { failedPureRules, normalizeForPolicy } from '../../shared/policy/composition.js';
import { presetNames, type PolicyRules, type PresetName } from '../../shared/policy/policy-config.js';
import type { PolicyRuleCode } from '../../shared/policy/rule-codes.js';
import { minGuessesLog10 as minGuessesLog10Floor } from '../../shared/policy/guess-threshold.js';
import { createDemoConfig } from '../../electron/core/config/demo-config.js';
import { effectivePolicy } from '../../electron/core/config/effective-policy.js';
import { loadConfig } from '../../electron/core/config/load-config.js';
import { guessabilityOptionsFromConfig } from '../../electron/core/guessability/from-config.js';
import type { PieceKind } from '../../electron/core/guessability/composition/piece.js';
import { loadGuessabilityEngine, type GuessabilityAssessment, type GuessabilityEngine } from '../../electron/core/guessability/index.js';
import type { GuessabilityContext } from '../../electron/core/ports.js';
import { parseFlags, UsageError } from './args.js';

export const policyCheckUsage =
  'policy check [--config FILE] [--preset NAME] [--username U] [--first NAME] [--last NAME]  < passwords, one per line';

export interface PolicyCheckSetup {
  rules: PolicyRules;
  person: GuessabilityContext;
  engine: GuessabilityEngine;
  /** The composition gate's threshold in effect. */
  minGuessesLog10: number;
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
  const options = guessabilityOptionsFromConfig(chosen, rules);
  return { rules, person, engine: loadGuessabilityEngine(options), minGuessesLog10: options.minGuessesLog10 ?? minGuessesLog10Floor };
}

export interface CandidateVerdict {
  rules: PolicyRuleCode[];
  assessment: GuessabilityAssessment;
}

/** Every rule the kiosk would refuse the password for before submit, judged as password-judge does. */
export function judgeCandidate(password: string, setup: PolicyCheckSetup): CandidateVerdict {
  const { rules, person, engine } = setup;
  const assessment = engine.assess(normalizeForPolicy(password, rules), person);
  return { rules: [...new Set([...failedPureRules(password, person, rules), ...assessment.rules])], assessment };
}

/** The parts the composition gate names, as the refusal's words put them ("built on ... plus ..."). */
const kindWords: Readonly<Record<PieceKind, string>> = {
  sequence: 'a common sequence',
  word: 'a common word or name',
  personal: "the person's name",
  year: 'a year',
  date: 'a date',
  digits: 'common numbers',
  repeat: 'a repeated part',
};
const stemKinds: readonly PieceKind[] = ['sequence', 'word', 'personal'];

const inWords = (parts: readonly string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) as string}`);

/**
 * The composition gate's verdict in words, with its estimate: "refused: built on a common sequence
 * plus a year (10^8.3 guesses, under 10^13.5)". It is given even when Entra's score already refused
 * the password, so that an administrator sees both gates.
 */
export function gateWords(assessment: GuessabilityAssessment, minGuessesLog10: number): string {
  const { composition } = assessment;
  const estimate = `10^${composition.log10Guesses.toFixed(1)} guesses`;
  if (!composition.refused) return `passed (${estimate}, at least 10^${minGuessesLog10})`;
  const stems = composition.kinds.filter((kind) => stemKinds.includes(kind)).map((kind) => kindWords[kind]);
  const padding = composition.kinds.filter((kind) => !stemKinds.includes(kind)).map((kind) => kindWords[kind]);
  const parts = stems.length === 0 ? `made of ${inWords(padding)}` : `built on ${inWords(stems)}${padding.length === 0 ? '' : ` plus ${inWords(padding)}`}`;
  return `refused: ${parts} (${estimate}, under 10^${minGuessesLog10})`;
}

/**
 * The issue's exact shape, spaces included: {"line": 1, "accepted": false, "rules": ["banned_term", "breached"], ...},
 * then Entra's score on its own (as Microsoft publishes it: points, and the points needed) and the
 * composition gate's verdict in words.
 */
export function verdictLine(line: number, verdict: CandidateVerdict, minGuessesLog10: number): string {
  const { rules, assessment } = verdict;
  return (
    `{"line": ${line}, "accepted": ${rules.length === 0}, "rules": [${rules.map((rule) => JSON.stringify(rule)).join(', ')}], ` +
    `"entraScore": ${assessment.score}, "entraMinScore": ${assessment.minScore}, "gate": ${JSON.stringify(gateWords(assessment, minGuessesLog10))}}`
  );
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
    output.write(`${verdictLine(line, judgeCandidate(password, setup), setup.minGuessesLog10)}\n`);
  }
  return line;
}
