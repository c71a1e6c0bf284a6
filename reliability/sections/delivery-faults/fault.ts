import type { EmailSender } from '../../../electron/core/ports.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { VerificationMethod } from '../../../shared/flow/stages.js';
import type { SectionOptions } from '../../figure.js';

export const section = 'delivery faults';

/** What the desk should find in the audit row: the failure's class, and the reply code or HTTP status when there is one. */
export interface ExpectedFailure {
  errorClass: string;
  replyCode?: number;
  status?: number;
}

/** A fault, set up on loopback for the length of its trials. */
export interface FaultSetup {
  /** The kiosk's configuration with the faulty provider in it. */
  configure(base: KioskConfig): KioskConfig;
  env: Record<string, string | undefined>;
  /** Replaces the configured mail sender (text-message faults only: their mail is not under test). */
  email?: EmailSender;
  /** What the fault is, in a few words, for the note. */
  where: string;
  /** Values that must never show: the relay password tried, codes that reached the gateway. */
  secrets(): { password: string[]; code: string[] };
  stop(): Promise<void>;
}

export interface Fault {
  name: string;
  method: VerificationMethod;
  /**
   * Whether the failure is the channel's (the recipient-free probe fails: everyone is told codes
   * cannot be sent) or only one send's (the probe passes; by design only the audit knows, since a
   * failure shown for real accounts alone would tell which names exist).
   */
  shows: boolean;
  expected: ExpectedFailure;
  setUp(folder: string, options: SectionOptions): Promise<FaultSetup>;
}
