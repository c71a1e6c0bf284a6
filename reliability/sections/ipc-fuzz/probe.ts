import type { SenderInfo } from '../../../electron/core/ipc/sender.js';

/** The Electron shell's origin (electron/app-protocol.ts), so app:// look-alikes are tried against the real one. */
export const appOrigin = 'app://kiosk';
export const appFrame: SenderInfo = { url: `${appOrigin}/index.html`, isMainFrame: true };

/** TECHNICIAN_REQUIRED: a technician channel with no technician session open comes before the schema. */
export type Refusal = 'BAD_INPUT' | 'FORBIDDEN' | 'UNKNOWN_CHANNEL' | 'TECHNICIAN_REQUIRED';
export const refusals: readonly string[] = ['BAD_INPUT', 'FORBIDDEN', 'UNKNOWN_CHANNEL', 'TECHNICIAN_REQUIRED'];
export type ProbeKind = 'malformed' | 'foreign sender' | 'unknown channel';

/** One call the fuzzer makes, and the refusal it is due. */
export interface Probe {
  kind: ProbeKind;
  channel: string;
  sender: SenderInfo;
  payload: unknown;
  expected: Refusal;
}

/** A short, safe description of a payload for a report: never the payload itself (it may be 2 MB or 5000 levels deep). */
export function describeProbe(probe: Probe): string {
  const payload = probe.payload;
  const shape =
    payload === null
      ? 'null'
      : Array.isArray(payload)
        ? `array(${payload.length})`
        : typeof payload === 'object'
          ? `${Object.getPrototypeOf(payload)?.constructor?.name ?? 'null-prototype'} {${Object.keys(payload).slice(0, 5).map((key) => JSON.stringify(key)).join(', ')}}`
          : typeof payload === 'string'
            ? `string(${payload.length})`
            : typeof payload;
  return `${probe.kind}: ${JSON.stringify(probe.channel.slice(0, 40))} from ${JSON.stringify(probe.sender.url.slice(0, 60))}${probe.sender.isMainFrame ? '' : ' (iframe)'}, payload ${shape}`;
}
