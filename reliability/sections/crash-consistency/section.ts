import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { figure, type Figure, type SectionOptions } from '../../figure.js';
import { changeStages } from './crash-loop-state.js';
import { killMoments } from './kill-moments.js';
import { runCrashLoop } from './run-crash-loop.js';

const section = 'crash consistency';

export async function crashConsistencySection(options: SectionOptions): Promise<Figure[]> {
  const kills = options.quick ? 25 : 200;
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-crash-'));
  try {
    options.progress(`crash consistency: ${kills} SIGKILLs of a kiosk child resetting passwords...`);
    const r = await runCrashLoop({ kills, folder, recorder: options.recorder, progress: options.progress });
    const zero = (name: string, value: number, note?: string) => figure(section, name, value, '0', value === 0, note);
    const moments = killMoments.map((moment) => `${moment} ${r.moments[moment]}`).join(', ');
    return [
      figure(
        section,
        'SIGKILLs at random moments, each followed by a restart on the same files',
        r.kills,
        `>= ${kills}`,
        r.kills >= kills,
        `${moments}; ${r.seconds} s${r.problems.length === 0 ? '' : `; first problems: ${r.problems.slice(0, 5).join('; ')}`}`,
      ),
      zero('integrity_check failures after a kill', r.integrityFailures),
      zero('passwords neither the last completed one nor the one being set', r.neitherOldNorNew),
      zero('password changes in the database the journal cannot account for', r.unaccounted),
      zero('changed passwords missing their audit row or notice after the next start', r.missingRecords),
      zero('duplicate audit rows or notices', r.duplicateRecords),
      zero('changes still pending after start-up recovery', r.pendingAfterStart),
      zero('audit chain problems', r.chainProblems),
      zero('starts that failed after a kill', r.startFailures),
      zero('child crashes (exits the parent did not cause)', r.childCrashes),
      figure(section, 'resets completed (Done shown)', r.resetsCompleted, null, null),
      figure(
        section,
        'kills inside a password change, between journal "about" and "done" (changed / not changed)',
        `${r.inFlight.kills} (${r.inFlight.changed} / ${r.inFlight.unchanged})`,
        null,
        null,
        `${changeStages.map((stage) => `${stage}: ${r.stages[stage]}`).join(', ')}; start-up recovery finished ${r.recovered.completed} half-done change(s) (reset.password_set with recovered: true) and closed ${r.recovered.abandoned} that never happened (reset.password_not_set)`,
      ),
      figure(section, 'start-up checks of audit rows and notices', r.postStartChecks, null, null),
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
