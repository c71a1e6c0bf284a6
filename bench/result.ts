import type { DirectoryResetMeasured } from './directory-reset.js';
import type { SharedStoreResult } from './shared-store.js';
import type { SubmitResult } from './submit-path.js';

/** The shape of `npm run --silent bench -- --json`. Rates are fractions (0.01 = 1%). */
export interface QualityRow {
  weakRejected: number;
  randomFalseRejected: number;
  passphraseFalseRejected: number;
}

export interface BenchResult {
  inputs: { weak: number; random: number; passphrase: number; zxcvbnSubsetPerSet: number; quick: boolean; guessabilityOnly: boolean };
  engine: {
    /** Over the timing inputs, each password's median of `timingPasses` passes, in the quietest round. */
    p50Us: number;
    p99Us: number;
    meanUs: number;
    timingPasses: number;
    /**
     * The engine timed in rounds spread over the run (each: every password's median of
     * timingPasses passes); p50Us, p99Us and meanUs above are round roundReported's, the quietest
     * (bench/timing.ts, quietestRound).
     */
    rounds: { p50Us: number; p99Us: number; meanUs: number }[];
    roundReported: number;
    /** The same inputs timed in one pass, machine noise included. */
    onePassP50Us: number;
    onePassP99Us: number;
    checksPerSecond: number;
    loadMs: number;
    loadHeapBytes: number;
    breachedEntries: number;
    breachedBytes: number;
    breachedLookupP50Us: number;
    breachedLookupP99Us: number;
    globalTerms: number;
    globalTermsBytes: number;
    breachedFalsePositiveRate: number;
  };
  set: { bytes: number; entries: number; lookupP50Us: number; lookupP99Us: number };
  zxcvbn: { p50Us: number; p99Us: number; meanUs: number; checks: number };
  quality: {
    engine: QualityRow;
    /** Entra's score alone: no breached list, no composition gate. */
    entraScoreOnly: QualityRow;
    /** Entra's score and the breached list: the engine before the composition gate (issue 13). */
    entraScoreAndBreached: QualityRow;
    engineOnZxcvbnSubset: QualityRow;
    zxcvbn3: QualityRow;
    zxcvbn4: QualityRow;
    weakByPattern: Record<string, { engine: number; entraOnly: number; zxcvbn3: number; zxcvbn4: number }>;
  };
  /** Issue 8: the submit path through the password history at 1, 25 and 200 earlier passwords, and the way before it. */
  submit: SubmitResult | null;
  /** Issue 7: SQLite (1 kiosk process) beside PostgreSQL (1 and 4 kiosk processes on one database); measurements, no targets. */
  sharedStore: SharedStoreResult | null;
  /** Issue 11: one full reset through OpenLDAP and through Active Directory (Samba), beside the embedded directory. */
  directories: DirectoryResetMeasured | null;
  /** null: left out by --guessability (the engine's part only); their targets are then left out too. */
  targets: Record<string, boolean>;
  /** os.loadavg() at the end of the run: timings on a shared machine mean little without it. */
  loadAverage: number[];
}
