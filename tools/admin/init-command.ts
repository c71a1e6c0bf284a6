import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../electron/core/config/config-error.js';
import { validateConfig } from '../../electron/core/config/load-config.js';
import { parseFlags, takeSwitch } from './args.js';
import { defaultAnswers, initQuestions, type InitAnswers, type InitQuestion } from './init-answers.js';
import { initConfigObject, initConfigYaml } from './init-config.js';
import type { CommandIo } from './technician-commands.js';

export const initUsage = [
  'init [--out FILE] [--force] [--defaults]          asks a few questions and writes a commented configuration (default config.yaml)',
];

/** The loader's problems with the configuration these answers make, under the question's keys. */
function loaderProblems(question: InitQuestion, answers: InitAnswers, baseDir: string): string[] {
  try {
    validateConfig(initConfigObject(answers), 'the answers', baseDir);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems
      .filter((problem) => question.keys.some((key) => problem.startsWith(`${key}:`) || problem.startsWith(`${key}.`)))
      .map((problem) => problem.replace(/^[^:]+: /, ''));
  }
}

async function askAll(io: CommandIo, baseDir: string): Promise<InitAnswers> {
  const lines = createInterface({ input: io.input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const answers = defaultAnswers();
  try {
    for (const question of initQuestions) {
      answers[question.key] = question.default(answers);
      if (question.when !== undefined && !question.when(answers)) continue;
      for (;;) {
        const offered = question.default(answers);
        io.output.write(`${question.text} [${offered}]: `);
        const next = await lines.next();
        if (next.done === true) throw new Error(`the input ended before "${question.text}" was answered (--defaults writes the file without questions)`);
        const answer = next.value.trim() === '' ? offered : next.value.trim();
        const problems = [question.check?.(answer, answers) ?? null].filter((problem): problem is string => problem !== null);
        const candidate = { ...answers, [question.key]: answer };
        if (problems.length === 0) problems.push(...loaderProblems(question, candidate, baseDir));
        if (problems.length === 0) {
          answers[question.key] = answer;
          break;
        }
        io.output.write(`  Not used: ${problems.join('; ')}. Please answer again.\n`);
      }
    }
  } finally {
    await lines.return?.();
  }
  return answers;
}

/**
 * `admin init`: the first configuration file of a deployment, from a few questions (or, with
 * --defaults, none). What it writes is checked by the kiosk's own loader before it is written, so the
 * kiosk starts with it as it is.
 */
export async function runInit(args: readonly string[], io: CommandIo): Promise<number> {
  const [useDefaults, afterDefaults] = takeSwitch(args, 'defaults');
  const [force, flagArgs] = takeSwitch(afterDefaults, 'force');
  const flags = parseFlags(flagArgs, ['out']);
  const out = path.resolve(flags.get('out') ?? 'config.yaml');
  const baseDir = path.dirname(out);
  // Checked before any question: answering ten questions to be refused is no fun.
  if (!force && existsSync(out)) throw new Error(`${out} already exists; nothing was written (--force replaces it)`);
  const answers = useDefaults ? defaultAnswers() : await askAll(io, baseDir);
  const text = initConfigYaml(answers);
  validateConfig(parseYaml(text), out, baseDir);
  try {
    // 'wx': a file that appeared while the questions were answered is not replaced either.
    writeFileSync(out, text, { flag: force ? 'w' : 'wx', mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new Error(`${out} already exists; nothing was written (--force replaces it)`);
    throw new Error(`${out} cannot be written (${code ?? 'error'})`);
  }
  io.output.write(`\nWrote ${out}.\n${nextSteps(initConfigObject(answers)).map((line) => `  - ${line}`).join('\n')}\n`);
  return 0;
}

function nextSteps(config: Record<string, unknown>): string[] {
  const steps: string[] = [];
  if (config.demo === true) steps.push('demo: true (no SMTP host): the kiosk runs as the offline demo until mail.smtp is set and demo is false');
  const directory = config.directory as { kind: string };
  if (directory.kind !== 'sqlite') steps.push("set SSPR_DIRECTORY_PASSWORD to the directory service account's password where the kiosk runs");
  else if (config.demo !== true) steps.push('add people: npm run --silent admin -- accounts import people.csv --config <this file>');
  if ((config.sms as { provider: string }).provider === 'http') steps.push("set SSPR_SMS_TOKEN to the text gateway's token and check sms.body in the file");
  steps.push('start the kiosk: npm start -- --config <this file>');
  return steps;
}
