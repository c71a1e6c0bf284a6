import path from 'node:path';
import { demoDatabaseFile } from '../../../electron/core/config/demo-config.js';
import { loopAccounts } from '../../children/reset-loop-plan.js';
import type { KillMoment } from './kill-moments.js';

export interface CrashLoopResult {
  kills: number;
  moments: Record<KillMoment, number>;
  /** Kills that found no database yet (the first start had not created it). */
  beforeDatabase: number;
  integrityFailures: number;
  neitherOldNorNew: number;
  /** Changes the directory made (history rows) that the journal and the checks after each kill do not explain. */
  unaccounted: number;
  /** Changed passwords lacking their reset.password_set row or a notice after the next start. */
  missingRecords: number;
  /** More than one audit row, or more notices than addresses, for one change. */
  duplicateRecords: number;
  pendingAfterStart: number;
  chainProblems: number;
  startFailures: number;
  childCrashes: number;
  resetsCompleted: number;
  /** Kills that landed after "about" and before "done": the change was in flight. */
  inFlight: { kills: number; changed: number; unchanged: number };
  /** Where in the change the in-flight kills landed, told from the intent row and the stored hash. */
  stages: Record<ChangeStage, number>;
  recovered: { completed: number; abandoned: number };
  unexpectedOutcomes: number;
  postStartChecks: number;
  seconds: number;
  problems: string[];
}

/** The steps of a password change (reset/password-change.ts) a kill can fall between. */
export const changeStages = ['before the intent was written', 'intent written, directory not', 'directory written, records not', 'records written, Done not shown'] as const;
export type ChangeStage = (typeof changeStages)[number];

export interface AccountModel {
  /** The password number the account holds (-1: the seed's), as last verified. */
  current: number;
  /** Changes that happened, by the journal and the checks after each kill. */
  changes: number;
}

/** What the checks after each kill and each start share: the files, what each account should hold, and the tallies. */
export interface CrashLoop {
  dataDir: string;
  journalPath: string;
  file: string;
  model: Map<string, AccountModel>;
  result: CrashLoopResult;
  /** Journal entries the checks have already accounted for. */
  journalDone: number;
  /** Notes a problem; the first ten are kept, for the figure's note. */
  problem(text: string): void;
}

export function createCrashLoop(folder: string): CrashLoop {
  const dataDir = path.join(folder, 'kiosk');
  const journalPath = path.join(folder, 'journal');
  const file = path.join(dataDir, demoDatabaseFile);
  const model = new Map<string, AccountModel>(loopAccounts.map((username) => [username, { current: -1, changes: 0 }]));
  const result: CrashLoopResult = {
    kills: 0,
    moments: { 'start-up': 0, 'first steps': 0, 'inside a change': 0, 'after the intent': 0, 'after the directory write': 0, anywhere: 0 },
    beforeDatabase: 0,
    integrityFailures: 0,
    neitherOldNorNew: 0,
    unaccounted: 0,
    missingRecords: 0,
    duplicateRecords: 0,
    pendingAfterStart: 0,
    chainProblems: 0,
    startFailures: 0,
    childCrashes: 0,
    resetsCompleted: 0,
    inFlight: { kills: 0, changed: 0, unchanged: 0 },
    stages: { 'before the intent was written': 0, 'intent written, directory not': 0, 'directory written, records not': 0, 'records written, Done not shown': 0 },
    recovered: { completed: 0, abandoned: 0 },
    unexpectedOutcomes: 0,
    postStartChecks: 0,
    seconds: 0,
    problems: [],
  };
  const problem = (text: string) => {
    if (result.problems.length < 10) result.problems.push(text);
  };
  return { dataDir, journalPath, file, model, result, journalDone: 0, problem };
}
