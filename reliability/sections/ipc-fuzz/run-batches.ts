import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { channels } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/result.js';
import type { TranscriptRecorder } from '../../figure.js';
import { planRound } from './plan-round.js';
import { describeProbe, refusals, type Probe } from './probe.js';
import { fuzzStages, kioskAt, recordAndClose, snapshot, type FuzzKiosk } from './stage-kiosk.js';

export interface FuzzOptions {
  seed: number;
  /** Malformed payloads per channel of the contract, at each stage. */
  malformedPerChannel: number;
  /** Calls from foreign senders, and on unknown channel names, at each stage. */
  foreignPerStage: number;
  unknownPerStage: number;
  /** Calls between two checks of the database and the session. */
  batchSize: number;
  recorder?: TranscriptRecorder;
  progress?: (line: string) => void;
}

export interface FuzzReport {
  seed: number;
  malformed: number;
  perChannel: Record<string, number>;
  /** Generated payloads the channel's schema accepts: not malformed, so left out. */
  acceptedLeftOut: number;
  /** Generated payloads whose schema check itself threw (the router would throw too): sent all the same. */
  schemaThrew: number;
  foreign: number;
  unknown: number;
  routerThrows: number;
  crashes: number;
  internal: number;
  /** Answers to malformed input, foreign senders or unknown channels that were not one of the three refusals. */
  notARefusal: number;
  /** Answers that were a refusal, but not the one due (e.g. BAD_INPUT where FORBIDDEN was). */
  wrongRefusal: number;
  batches: number;
  databaseChanged: number;
  sessionChanged: number;
  outboxChanged: number;
  stageHashes: Record<string, string>;
  firstProblem: string | null;
  seconds: number;
}

/** Sends every probe of every batch at every stage, checking database and session after each batch. */
export async function runIpcFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const { seed, recorder } = options;
  const report: FuzzReport = {
    seed,
    malformed: 0,
    perChannel: Object.fromEntries(channels.map((channel) => [channel, 0])),
    acceptedLeftOut: 0,
    schemaThrew: 0,
    foreign: 0,
    unknown: 0,
    routerThrows: 0,
    crashes: 0,
    internal: 0,
    notARefusal: 0,
    wrongRefusal: 0,
    batches: 0,
    databaseChanged: 0,
    sessionChanged: 0,
    outboxChanged: 0,
    stageHashes: {},
    firstProblem: null,
    seconds: 0,
  };
  const problem = (text: string) => {
    report.firstProblem ??= text;
  };
  const onCrash = (error: unknown) => {
    report.crashes += 1;
    problem(`crash: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'non-error'}`);
  };
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-fuzz-'));
  try {
    for (const [stageIndex, stage] of fuzzStages.entries()) {
      const k = await kioskAt(stage, path.join(folder, stage), recorder);
      try {
        const before = await snapshot(k);
        report.stageHashes[stage] = before.database.slice(0, 16);
        // Planned a round at a time (each round its own derived seed), so a long run never holds every payload at once.
        const rounds = Math.max(1, Math.ceil(options.malformedPerChannel / perChannelPerRound));
        options.progress?.(`ipc fuzz: ${stage}: ${rounds} round(s), batches of ${options.batchSize}...`);
        for (let round = 0; round < rounds; round += 1) {
          const share = (total: number) => Math.floor((total * (round + 1)) / rounds) - Math.floor((total * round) / rounds);
          const counts = { malformed: share(options.malformedPerChannel), foreign: share(options.foreignPerStage), unknown: share(options.unknownPerStage) };
          const probes = planRound(seed, stageIndex, round, counts, report, stage === 'technician');
          for (let start = 0; start < probes.length; start += options.batchSize) {
            for (const probe of probes.slice(start, start + options.batchSize)) await send(k, probe, report, recorder, problem);
            report.batches += 1;
            const after = await snapshot(k);
            if (after.database !== before.database) {
              report.databaseChanged += 1;
              problem(`${stage}: the database changed in batch ${report.batches}`);
            }
            if (after.session !== before.session) {
              report.sessionChanged += 1;
              problem(`${stage}: the session changed in batch ${report.batches}: ${after.session.slice(0, 200)}`);
            }
            if (after.outbox !== before.outbox) report.outboxChanged += 1;
          }
        }
      } finally {
        await recordAndClose(k, recorder);
      }
    }
  } finally {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    rmSync(folder, { recursive: true, force: true });
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}

const perChannelPerRound = 250;

async function send(k: FuzzKiosk, probe: Probe, report: FuzzReport, recorder: TranscriptRecorder | undefined, problem: (text: string) => void): Promise<void> {
  if (probe.kind === 'malformed') {
    report.malformed += 1;
    report.perChannel[probe.channel] = (report.perChannel[probe.channel] ?? 0) + 1;
  } else if (probe.kind === 'foreign sender') report.foreign += 1;
  else report.unknown += 1;
  let answer: Result<unknown>;
  try {
    answer = await k.call(probe.channel, probe.payload, probe.sender);
  } catch (error) {
    report.routerThrows += 1;
    problem(`router threw (${error instanceof Error ? error.name : 'non-error'}) for ${describeProbe(probe)}`);
    return;
  }
  const text = JSON.stringify(answer);
  recorder?.seen('ipc', text);
  if (answer.ok) {
    report.notARefusal += 1;
    problem(`answered ok for ${describeProbe(probe)}`);
    return;
  }
  const { code } = answer.error;
  if (code === 'INTERNAL') report.internal += 1;
  if (!refusals.includes(code)) {
    report.notARefusal += 1;
    problem(`answered ${code} for ${describeProbe(probe)}`);
  } else if (code !== probe.expected) {
    report.wrongRefusal += 1;
    problem(`answered ${code}, not ${probe.expected}, for ${describeProbe(probe)}`);
  }
}
