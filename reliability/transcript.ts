import type { TranscriptRecorder } from './figure.js';

export interface Transcript extends TranscriptRecorder {
  counts(): { ipc: number; audit: number; log: number; secrets: Record<'password' | 'code' | 'hash', number> };
  /** Every secret found in anything seen: kind, where, and a short prefix of the secret (never all of it). */
  leaks(): { kind: string; where: string; prefix: string }[];
}

/**
 * Collects what the kiosk said and recorded while the suite ran, and checks it against every secret
 * the suite used. Codes are only searched for as whole words (no digit or letter either side), so an
 * 8-digit code is not "found" inside a longer timestamp, nor in a hex hash that happens to hold a run of
 * exactly 8 decimal digits: with ~50k audit rows each carrying chain hashes, such runs are common enough
 * that one of ~3k random codes turned up by chance in about one run in two.
 */
export function createTranscript(): Transcript {
  const seen: { kind: 'ipc' | 'audit' | 'log'; text: string }[] = [];
  const secrets = new Map<string, 'password' | 'code' | 'hash'>();
  return {
    seen(kind, text) {
      seen.push({ kind, text });
    },
    secret(kind, value) {
      if (value.length >= 6) secrets.set(value, kind);
    },
    counts() {
      const secretCounts = { password: 0, code: 0, hash: 0 };
      for (const kind of secrets.values()) secretCounts[kind] += 1;
      return {
        ipc: seen.filter((item) => item.kind === 'ipc').length,
        audit: seen.filter((item) => item.kind === 'audit').length,
        log: seen.filter((item) => item.kind === 'log').length,
        secrets: secretCounts,
      };
    },
    leaks() {
      const found: { kind: string; where: string; prefix: string }[] = [];
      const codes = [...secrets].filter(([, kind]) => kind === 'code').map(([value]) => value);
      const others = [...secrets].filter(([, kind]) => kind !== 'code');
      const codePattern = codes.length === 0 ? null : new RegExp(`(?<![0-9A-Za-z])(${codes.join('|')})(?![0-9A-Za-z])`);
      for (const item of seen) {
        for (const [value, kind] of others) {
          if (item.text.includes(value)) found.push({ kind, where: item.kind, prefix: value.slice(0, 3) });
        }
        const match = codePattern?.exec(item.text);
        if (match) found.push({ kind: 'code', where: item.kind, prefix: match[1]!.slice(0, 2) });
      }
      return found;
    },
  };
}
