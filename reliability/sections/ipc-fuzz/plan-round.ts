import fc from 'fast-check';
import { channels, contract, technicianChannels } from '../../../shared/ipc/contract.js';
import { malformedFor } from './payloads.js';
import { appFrame, type Probe } from './probe.js';
import { foreignCall, unknownCall } from './senders.js';

/** A seed for one batch of one generator at one stage, derived from the printed seed. */
const derivedSeed = (seed: number, ...parts: number[]) => parts.reduce((value, part) => (Math.imul(value ^ part, 0x9e3779b1) + 0x7f4a7c15) | 0, seed);

/**
 * One round's calls at one stage: malformed payloads for every channel, foreign senders and unknown
 * names, interleaved. Without a technician session, technician channels are refused before their schema.
 */
export function planRound(
  seed: number,
  stageIndex: number,
  round: number,
  counts: { malformed: number; foreign: number; unknown: number },
  report: { acceptedLeftOut: number; schemaThrew: number },
  technicianSignedIn: boolean,
): Probe[] {
  const probes: Probe[] = [];
  for (const [channelIndex, channel] of channels.entries()) {
    const schema = contract[channel].request;
    let attempt = 0;
    let kept = 0;
    // Refill until the channel has its share of payloads its schema refuses.
    while (kept < counts.malformed && attempt < 50) {
      const wanted = counts.malformed - kept;
      const sample = fc.sample(malformedFor(channel), { seed: derivedSeed(seed, stageIndex, round, channelIndex, attempt), numRuns: wanted + Math.ceil(wanted / 4) });
      attempt += 1;
      for (const payload of sample) {
        if (kept >= counts.malformed) break;
        let accepted: boolean;
        try {
          accepted = schema.safeParse(payload).success;
        } catch {
          report.schemaThrew += 1;
          accepted = false;
        }
        if (accepted) {
          report.acceptedLeftOut += 1;
          continue;
        }
        kept += 1;
        const gated = technicianChannels.has(channel) && !technicianSignedIn;
        probes.push({ kind: 'malformed', channel, sender: appFrame, payload, expected: gated ? 'TECHNICIAN_REQUIRED' : 'BAD_INPUT' });
      }
    }
  }
  probes.push(...fc.sample(foreignCall, { seed: derivedSeed(seed, stageIndex, round, 1000), numRuns: counts.foreign }));
  const unknown = fc.sample(unknownCall, { seed: derivedSeed(seed, stageIndex, round, 2000), numRuns: counts.unknown * 2 });
  probes.push(...unknown.filter((probe) => !(channels as readonly string[]).includes(probe.channel)).slice(0, counts.unknown));
  // Interleaved (a fixed shuffle) so every batch mixes channels, senders and names.
  const order = fc.sample(fc.double({ min: 0, max: 1, noNaN: true }), { seed: derivedSeed(seed, stageIndex, round, 3000), numRuns: probes.length });
  return probes.map((probe, index) => ({ probe, key: order[index]! })).sort((a, b) => a.key - b.key).map(({ probe }) => probe);
}
