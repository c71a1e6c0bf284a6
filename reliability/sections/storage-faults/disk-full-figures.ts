import type { ChangeOutcome } from '../../../shared/flow/stages.js';
import type { ErrorCode } from '../../../shared/ipc/result.js';
import { figure, type Figure } from '../../figure.js';
import type { LimitedRun } from './disk-full-run.js';
import { section, type Words } from './words.js';

/** The figures of one kind of "no room" fault, over all its runs. */
export function noRoomFigures(label: string, runs: LimitedRun[], words: Words): Figure[] {
  const sum = (pick: (run: LimitedRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const typed: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  for (const run of runs) {
    for (const [code, count] of Object.entries(run.answers.typed)) typed[code] = (typed[code] ?? 0) + count;
    for (const [outcome, count] of Object.entries(run.outcomes)) outcomes[outcome] = (outcomes[outcome] ?? 0) + count;
  }
  const bad = runs.flatMap((run) => [...run.answers.bad, ...(run.crashed === null ? [] : [`crash: ${run.crashed}`])]);
  const shown = [
    ...Object.keys(typed).map((code) => `${code}: "${words.error(code as ErrorCode)}"`),
    ...Object.keys(outcomes)
      .filter((outcome) => outcome !== 'changed')
      .map((outcome) => `Done (${outcome}): "${words.done(outcome as ChangeOutcome)}"`),
  ];
  const noFault = runs.filter((run) => !run.writesFailed).length;
  const integrity = runs.filter((run) => run.integrity !== 'ok');
  const lost = runs.flatMap((run) => run.lost);
  const neither = runs.flatMap((run) => run.neitherOldNorNew);
  const missing = runs.flatMap((run) => run.missingRecords);
  const restart = runs.flatMap((run) => run.restartFailures);
  const where = new Map<string, number>();
  for (const run of runs) where.set(run.firstFailure ?? 'nowhere', (where.get(run.firstFailure ?? 'nowhere') ?? 0) + 1);
  const answers = `ok ${sum((run) => run.answers.ok)}, ${Object.entries(typed).map(([code, count]) => `${code} ${count}`).join(', ') || 'no errors'}; Done: ${Object.entries(outcomes).map(([outcome, count]) => `${outcome} ${count}`).join(', ') || 'none'}`;
  return [
    figure(section, `${label}: answers that were INTERNAL, untyped or a crash (${runs.length} runs)`, bad.length, '0', bad.length === 0, `${answers}${bad.length === 0 ? '' : `; ${bad.slice(0, 3).join('; ')}`}`),
    figure(section, `${label}: runs in which no write failed (fault not reached)`, noFault, '0', noFault === 0),
    figure(section, `${label}: where the fault first showed (runs)`, [...where].map(([step, count]) => `${step} ${count}`).join(', '), null, null),
    figure(section, `${label}: clear words shown`, shown.length, '>= 1', shown.length >= 1, shown.join(' | ')),
    figure(section, `${label}: integrity_check failures afterwards`, integrity.length, '0', integrity.length === 0, integrity.length === 0 ? undefined : integrity[0]!.integrity),
    figure(section, `${label}: committed data lost`, lost.length, '0', lost.length === 0, lost.length === 0 ? undefined : lost.join('; ')),
    figure(section, `${label}: passwords neither the last set nor one being set`, neither.length, '0', neither.length === 0, neither.length === 0 ? undefined : neither.join(', ')),
    figure(section, `${label}: changed passwords missing audit row or notice after restart`, missing.length, '0', missing.length === 0, missing.length === 0 ? undefined : missing.slice(0, 3).join('; ')),
    figure(section, `${label}: restarts that could not complete a reset`, restart.length, '0', restart.length === 0, restart.length === 0 ? undefined : restart.slice(0, 2).join('; ')),
  ];
}
