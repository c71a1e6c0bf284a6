import { figure, type Figure } from '../figure.js';
import type { Transcript } from '../transcript.js';

/** The last section: everything every other section recorded, searched for every secret they used. */
export function secretsFigures(transcript: Transcript): Figure[] {
  const counts = transcript.counts();
  const leaks = transcript.leaks();
  const scanned = `${counts.ipc} answers, ${counts.audit} audit rows, ${counts.log} log lines`;
  const secrets = `${counts.secrets.password} passwords, ${counts.secrets.code} codes, ${counts.secrets.hash} hashes`;
  return [
    figure('secrets', 'texts scanned', scanned, null, null),
    figure('secrets', 'secrets searched for', secrets, null, null),
    figure(
      'secrets',
      'secrets found in answers, audit rows and log lines',
      leaks.length,
      '0',
      leaks.length === 0 && counts.secrets.code > 0 && counts.ipc > 0,
      leaks.length === 0 ? undefined : leaks.slice(0, 5).map((leak) => `${leak.kind} "${leak.prefix}…" in ${leak.where}`).join('; '),
    ),
  ];
}
