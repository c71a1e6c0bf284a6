import { bruteForceSection } from './sections/brute-force.js';
import type { Figure, SectionOptions } from './figure.js';
import { printFigures } from './print.js';
import { createTranscript } from './transcript.js';
import { secretsFigures } from './sections/secrets-scan.js';
import { enumerationSection } from './sections/enumeration.js';
import { ipcFuzzSection } from './sections/ipc-fuzz/section.js';
import { auditTamperSection } from './sections/audit-tamper.js';
import { deliveryFaultsSection } from './sections/delivery-faults/section.js';
import { crashConsistencySection } from './sections/crash-consistency/section.js';
import { storageFaultsSection } from './sections/storage-faults/section.js';

/**
 * `npm run reliability` (a table) and `npm run --silent reliability -- --json` (JSON only on stdout).
 * `--quick` runs fewer trials and kills (CI runs it); every target must hold either way. Exit code 1
 * when any target is missed.
 */
const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');
const only = process.argv.slice(2).find((arg) => arg.startsWith('--only='))?.slice('--only='.length);

type Section = (options: SectionOptions) => Promise<Figure[]>;
const sections: Record<string, Section> = {
  'brute-force': bruteForceSection,
  enumeration: enumerationSection,
  'ipc-fuzz': ipcFuzzSection,
  'audit-tamper': auditTamperSection,
  'delivery-faults': deliveryFaultsSection,
  'crash-consistency': crashConsistencySection,
  'storage-faults': storageFaultsSection,
};

async function main(): Promise<number> {
  const transcript = createTranscript();
  const options: SectionOptions = { quick, progress: (line) => process.stderr.write(`${line}\n`), recorder: transcript };
  const figures: Figure[] = [];
  const started = Date.now();
  for (const [name, run] of Object.entries(sections)) {
    if (only !== undefined && !only.split(',').includes(name)) continue;
    figures.push(...(await run(options)));
  }
  figures.push(...secretsFigures(transcript));
  const seconds = Math.round((Date.now() - started) / 1000);
  if (json) process.stdout.write(`${JSON.stringify({ quick, seconds, figures }, null, 2)}\n`);
  else printFigures(figures, { quick, seconds });
  return figures.some((item) => item.ok === false) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`reliability: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
