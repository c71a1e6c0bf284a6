/**
 * One line of `npm run reliability`: what was measured, its value, and the target it must meet.
 * `ok` is null for figures that are context (how many runs, how long) rather than targets.
 */
export interface Figure {
  section: string;
  name: string;
  value: number | string;
  /** In words, e.g. "0", "< 1e-4", "under 20 µs". */
  target: string | null;
  ok: boolean | null;
  /** Extra non-numeric context shown under the table (seeds, files, first failure). */
  note?: string;
}

export interface SectionOptions {
  quick: boolean;
  /** Progress lines go to stderr; nothing here writes to stdout. */
  progress: (line: string) => void;
  /** Everything any section saw cross the IPC boundary, the audit or the log, for the secrets scan. */
  recorder: TranscriptRecorder;
}

/** What the secrets scan reads: answers, audit rows, log lines; and what must never be in them. */
export interface TranscriptRecorder {
  /** Text that crossed to the renderer, was audited or logged. */
  seen(kind: 'ipc' | 'audit' | 'log', text: string): void;
  /** A value that must never appear in anything seen (a password, a code, a stored hash). */
  secret(kind: 'password' | 'code' | 'hash', value: string): void;
}

export const figure = (section: string, name: string, value: number | string, target: string | null, ok: boolean | null, note?: string): Figure =>
  note === undefined ? { section, name, value, target, ok } : { section, name, value, target, ok, note };
