import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import { createRecordingEmailSender } from '../../test/support/recording-email.js';
import { figure, type Figure, type SectionOptions } from '../figure.js';
import { startKioskUnderTest } from '../kiosk-under-test.js';

const section = 'enumeration';

/** One of each kind of name a stranger might type. dev.patel is registered and locked. */
const names = { unknown: 'nobody.here', unregistered: 'chloe.martin', registered: 'amira.khan', locked: 'dev.patel' } as const;
type NameKind = keyof typeof names;
type MailMode = 'mail up' | 'mail down' | 'one recipient refused';
const modes: MailMode[] = ['mail up', 'mail down', 'one recipient refused'];

function mailFor(mode: MailMode) {
  const mail = createRecordingEmailSender();
  if (mode === 'mail down') {
    mail.setRelayDown(true);
    mail.setBehaviour('fail');
  }
  // The refusal hits registered addresses only, the case that used to show on screen.
  if (mode === 'one recipient refused') for (const address of ['amira.khan@homemail.example', 'dev.patel@homemail.example']) mail.refuseRecipient(address);
  return mail;
}

/** Limits out of the way, so every timed trial takes the normal path rather than a refusal. */
const unthrottled = (config: KioskConfig): KioskConfig => {
  const open = { free: 100_000, limit: 100_000, windowMinutes: 1, firstWaitSeconds: 1, maxWaitSeconds: 1 };
  const account = { limit: 10_000, windowMinutes: 1, blockMinutes: 1 };
  return { ...config, throttle: { failedProofs: account, emailSends: account, smsSends: account, kioskRequests: open, kioskFailedProofs: open, technicianSignIns: account } };
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** Everything a stranger can read off the kiosk for one name: the answers, in order, after delivery has run. */
async function transcriptFor(mode: MailMode, kind: NameKind, options: SectionOptions, folder: string): Promise<string> {
  const mail = mailFor(mode);
  const k = await startKioskUnderTest({ dataDir: mkdtempSync(path.join(folder, 'shape-')), recorder: options.recorder, email: mail.sender, mailbox: mail });
  try {
    const answers = [await k.call('journey:begin', { purpose: 'reset', username: names[kind] }), await k.call('code:choose', { method: 'email' })];
    await k.t.kiosk.settled();
    answers.push(await k.call('session:get', {}), await k.call('code:resend', {}));
    await k.t.kiosk.settled();
    answers.push(await k.call('session:get', {}), await k.call('code:verify', { code: '00000000' }));
    const subject = k.t.kiosk.pseudonym(names[kind]);
    const counted = await k.t.kiosk.store.read((db) => db.selectFrom('throttle_events').select('scope').where('subject', '=', subject).execute());
    return JSON.stringify({ answers, throttleEventsForTheName: counted.map((row) => row.scope).sort() });
  } finally {
    await k.finish();
  }
}

interface Timings {
  /** Median request time per kind of name. */
  medians: Record<NameKind, number>;
  /** Median, per kind, of its time minus the median of the four in the same trial: what the kind itself adds. */
  pairedMedians: Record<NameKind, number>;
}

/**
 * Times the code request for each kind of name, all four in every trial in a shuffled order. The
 * gap is read from paired differences within a trial, so load that comes and goes on a shared
 * machine (it shifts every name in a trial alike) does not pose as a difference between names.
 */
async function timings(mode: MailMode, trials: number, options: SectionOptions, folder: string): Promise<Timings> {
  const mail = mailFor(mode);
  const k = await startKioskUnderTest({ dataDir: mkdtempSync(path.join(folder, 'time-')), recorder: options.recorder, email: mail.sender, mailbox: mail, configure: unthrottled });
  const samples: Record<NameKind, number[]> = { unknown: [], unregistered: [], registered: [], locked: [] };
  const paired: Record<NameKind, number[]> = { unknown: [], unregistered: [], registered: [], locked: [] };
  try {
    const kinds = Object.keys(names) as NameKind[];
    // A new order every trial (a fixed-seed shuffle): a name that always follows itself or the same
    // neighbour would find its rows warm in SQLite's page cache, which is not what we measure.
    let seed = 20261129;
    const nextRandom = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let trial = 0; trial < trials; trial += 1) {
      const order = [...kinds];
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(nextRandom() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const inTrial: Partial<Record<NameKind, number>> = {};
      for (const kind of order) {
        await k.t.call('session:startOver', {});
        await k.t.call('journey:begin', { purpose: 'reset', username: names[kind] });
        const started = process.hrtime.bigint();
        await k.t.call('code:choose', { method: 'email' });
        inTrial[kind] = Number(process.hrtime.bigint() - started) / 1000;
        // Background delivery runs outside the timed part, so it cannot slow the next name's request.
        await k.t.kiosk.settled();
        k.t.clock.advance({ seconds: 2 });
      }
      // The trial's median, not its mean: one call slowed by the machine (a pause of hundreds of µs)
      // moved the mean and with it the other names' differences, and such noise alone reached the
      // 20 µs gap in one CI run of seven. A name that is really slower by d still stands d apart from
      // the others either way.
      const middle = median(kinds.map((kind) => inTrial[kind]!));
      for (const kind of kinds) {
        samples[kind].push(inTrial[kind]!);
        paired[kind].push(inTrial[kind]! - middle);
      }
    }
  } finally {
    await k.finish();
  }
  const perKind = (values: Record<NameKind, number[]>) =>
    Object.fromEntries((Object.keys(values) as NameKind[]).map((kind) => [kind, median(values[kind])])) as Record<NameKind, number>;
  return { medians: perKind(samples), pairedMedians: perKind(paired) };
}

export async function enumerationSection(options: SectionOptions): Promise<Figure[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-enum-'));
  // Even the quick run needs enough trials for a steady median: 300 left a gap of up to 20 µs from noise alone on a loaded machine.
  const trials = options.quick ? 1000 : 2000;
  const figures: Figure[] = [];
  try {
    for (const mode of modes) {
      options.progress(`enumeration: ${mode}: answers for each kind of name...`);
      const seen = new Map<NameKind, string>();
      for (const kind of Object.keys(names) as NameKind[]) seen.set(kind, await transcriptFor(mode, kind, options, folder));
      const distinct = new Set(seen.values()).size;
      figures.push(figure(section, `${mode}: different answer sequences across unknown / unregistered / registered / locked`, distinct, '1 (all identical)', distinct === 1));

      options.progress(`enumeration: ${mode}: ${trials} timed trials per kind of name...`);
      const { medians, pairedMedians } = await timings(mode, trials, options, folder);
      const values = Object.values(pairedMedians);
      const gap = Math.max(...values) - Math.min(...values);
      figures.push(
        figure(
          section,
          `${mode}: median code-request time gap over ${trials} trials`,
          `${gap.toFixed(1)} µs`,
          'under 20 µs',
          gap < 20,
          `medians ${Object.entries(medians).map(([kind, value]) => `${kind} ${value.toFixed(1)} µs`).join(', ')}; paired differences from the trial's median ${Object.entries(pairedMedians).map(([kind, value]) => `${kind} ${value.toFixed(1)} µs`).join(', ')}`,
        ),
      );
    }
    return figures;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
