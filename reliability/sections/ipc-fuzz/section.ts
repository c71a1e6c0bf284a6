import { channels } from '../../../shared/ipc/contract.js';
import { figure, type Figure, type SectionOptions } from '../../figure.js';
import { runIpcFuzz } from './run-batches.js';
import { fuzzStages } from './stage-kiosk.js';

const section = 'ipc fuzz';

/** Printed with the figures: the same seed gives the same payloads, in the same order, at every stage. */
export const ipcFuzzSeed = 20260704;

export async function ipcFuzzSection(options: SectionOptions): Promise<Figure[]> {
  const run = await runIpcFuzz({
    seed: ipcFuzzSeed,
    malformedPerChannel: options.quick ? 240 : 2500,
    foreignPerStage: options.quick ? 250 : 2500,
    unknownPerStage: options.quick ? 250 : 2500,
    batchSize: 500,
    recorder: options.recorder,
    progress: options.progress,
  });
  const counts = Object.values(run.perChannel);
  const checks = `${run.batches} batches over ${fuzzStages.length} stages (${fuzzStages.join(', ')})`;
  return [
    figure(
      section,
      `malformed payloads sent (${channels.length} channels x ${fuzzStages.length} stages)`,
      run.malformed,
      '>= 10000',
      run.malformed >= 10_000 && Math.min(...counts) > 0,
      `fast-check seed ${run.seed}; ${Math.min(...counts)} to ${Math.max(...counts)} per channel; ${run.acceptedLeftOut} generated payloads the schema accepts were left out, ${run.schemaThrew} made the schema throw`,
    ),
    figure(section, 'calls from foreign senders (other origins, iframes, app:// look-alikes)', run.foreign, null, null),
    figure(section, 'calls on unknown channel names', run.unknown, null, null),
    figure(section, 'router throws / process crashes', run.routerThrows + run.crashes, '0', run.routerThrows + run.crashes === 0, run.firstProblem ?? undefined),
    figure(section, 'INTERNAL answers', run.internal, '0', run.internal === 0),
    figure(section, 'answers other than BAD_INPUT / FORBIDDEN / UNKNOWN_CHANNEL', run.notARefusal, '0', run.notARefusal === 0),
    figure(section, 'refusals other than the one due (e.g. BAD_INPUT for a foreign sender)', run.wrongRefusal, '0', run.wrongRefusal === 0),
    figure(
      section,
      'batches after which the database hash (sha256 of dumpStore) changed',
      run.databaseChanged,
      '0 (identical)',
      run.databaseChanged === 0 && run.batches > 0,
      `${checks}; hashes per stage ${Object.entries(run.stageHashes).map(([stage, hash]) => `${stage} ${hash}…`).join(', ')}`,
    ),
    figure(section, 'batches after which the session view or demo outbox changed', run.sessionChanged + run.outboxChanged, '0', run.sessionChanged + run.outboxChanged === 0),
    figure(section, 'wall time', `${run.seconds} s`, null, null),
  ];
}
