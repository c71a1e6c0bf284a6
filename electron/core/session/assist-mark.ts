import type { Stage } from '../../../shared/flow/stages.js';
import type { AssistKind, AssistProgress, TechnicianActionResult } from '../../../shared/technician/technician-view.js';
import type { AuditEntry } from '../audit/audit-trail.js';
import type { SessionState } from './walk-up-session.js';

/**
 * A walk-up session a technician started for the person at the desk, after checking their ID:
 * every audit row the person's steps write names the technician and the document (assisted-audit.ts).
 */
export interface AssistMark {
  kind: AssistKind;
  /** 'technician:<username>', the audit actor. */
  actor: string;
  /** The ID document type recorded (never a number). */
  document: string;
  /** The account the step is for. */
  username: string;
}

export type AssistOutcome = Extract<TechnicianActionResult, { action: 'assist_finished' }>['outcome'];
export type AssistFinished = (mark: AssistMark, outcome: AssistOutcome) => void;

interface Running {
  mark: AssistMark;
  policyMet: boolean | null;
  /** Known once the step got somewhere (a method saved while enrolling); reported when it ends. */
  outcome: AssistOutcome | null;
  reported: boolean;
}

/**
 * Follows one assisted step through the walk-up states: its last policy verdict for the technician's
 * screen, and its end (done, or the session ended however it did), reported once.
 */
export function createAssistTracker(onFinished: AssistFinished | undefined) {
  let running: Running | null = null;

  const report = (outcome: AssistOutcome) => {
    if (running === null || running.reported) return;
    running.reported = true;
    onFinished?.(running.mark, outcome);
  };

  return {
    begin(mark: AssistMark): void {
      running = { mark, policyMet: null, outcome: null, reported: false };
    },
    mark: (): AssistMark | null => running?.mark ?? null,
    /**
     * Names the technician on a row written after the session (and so the mark) has ended: the row
     * of why it ended. Taken before the end.
     */
    stamper(): (entry: AuditEntry) => AuditEntry {
      const mark = running?.mark ?? null;
      return (entry) => (mark === null ? entry : { ...entry, actor: mark.actor, detail: { ...entry.detail, idCheck: mark.document, assisted: mark.kind } });
    },
    notePolicy(met: boolean): void {
      if (running !== null) running.policyMet = met;
    },
    progress(stage: Stage): AssistProgress | null {
      return running === null ? null : { kind: running.mark.kind, stage, policyMet: running.policyMet };
    },
    /** A new walk-up state: a done screen ends the step; a saved method makes an enrolment count. */
    moved(next: SessionState): void {
      if (running === null) return;
      if (next.stage === 'done' && next.purpose !== 'unlock') {
        // 'unconfirmed' (the directory did not say) is neither: the technician sees it ended.
        const changed = next.outcome === 'changed' || next.outcome === 'changed_records_pending';
        report(changed ? 'changed' : next.outcome === 'not_changed' ? 'not_changed' : 'ended');
      }
      if (next.stage === 'methods' && next.saved !== null) running.outcome = 'enrolled';
    },
    /** The walk-up session ended (start over, time limits, the technician): the mark goes with it. */
    ended(): void {
      if (running === null) return;
      report(running.outcome ?? (running.mark.kind === 'enrol' ? 'not_enrolled' : 'ended'));
      running = null;
    },
  };
}
