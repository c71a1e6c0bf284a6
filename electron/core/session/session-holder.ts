import { canMove, type ProofMethod, type Purpose, type SessionView, type Stage } from '../../../shared/flow/stages.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import type { AuditEntry } from '../audit/audit-trail.js';
import type { Clock } from '../ports.js';
import { createAssistTracker, type AssistFinished, type AssistMark } from './assist-mark.js';
import { createSerialQueue } from './serial-queue.js';
import { endReason, idleSession, toSessionView, type SessionLimits, type SessionState } from './walk-up-session.js';

/**
 * Main's idle limit is the page's countdown plus this: the page reports activity at most every few
 * seconds, and its own wipe should normally come first.
 */
export const idleGraceSeconds = 15;

export interface SessionHolderDeps {
  clock: Clock;
  limits: { sessionMinutes: number; idleSeconds: number };
  /** Every proof method this kiosk offers (to everyone alike). */
  methods: ProofMethod[];
  /** reset.requiredProofs: 1, or 2 different methods. */
  requiredProofs: number;
  codeLength: number;
  appCodeLength: number;
  returnAfterSeconds: number;
  /** languages.offered and languages.default: a session starts in the default and returns to it at its end. */
  languages: { offered: readonly Language[]; default: Language };
  secondsLeft: (expiresAt: Date) => number;
  /** Writes one audit record in its own transaction. */
  record: (entry: AuditEntry) => Promise<void>;
  /** Told whenever a session ends (start over, time limit, idle): the shell clears the clipboard. */
  onSessionEnded?: () => void;
  /** Told once when a person-only step a technician started reaches its end (assist-mark.ts). */
  onAssistFinished?: AssistFinished;
  /** The assisted person did something: the technician at their side is still there too. */
  onAssistedActivity?: () => void;
}

/**
 * The one walk-up session of this kiosk, shared by every journey: its state, its time limits, one
 * step at a time (a double tap cannot run two steps against one stage), and the check that a step
 * is allowed by shared/flow/stages.ts for the journey the session is on.
 */
export function createSessionHolder(deps: SessionHolderDeps) {
  const { clock } = deps;
  const queue = createSerialQueue();
  const limits: SessionLimits = { sessionMinutes: deps.limits.sessionMinutes, idleSeconds: deps.limits.idleSeconds + idleGraceSeconds };
  let state: SessionState = idleSession;
  // Beside the state, not in it: the language is chosen before a journey starts, and outlives every step.
  let language: Language = deps.languages.default;
  const now = () => clock.now().getTime();
  const typedNameOf = (current: SessionState) => ('typedName' in current ? current.typedName : null);
  // Held beside the state, not in it: every step builds its next state afresh, and the mark must outlive them all.
  const assist = createAssistTracker(deps.onAssistFinished);

  function end(): void {
    state = idleSession;
    language = deps.languages.default;
    assist.ended();
    deps.onSessionEnded?.();
  }

  /** The time limit or idleness ends the session: back to the start, and the caller is told once. */
  async function endIfStale(): Promise<boolean> {
    const reason = endReason(state, now(), limits);
    if (reason === null) return false;
    const { stage } = state;
    const typedName = typedNameOf(state);
    const stamp = assist.stamper();
    end();
    await deps.record(stamp({ event: reason === 'idle' ? 'session.idle_ended' : 'session.expired', typedName, outcome: 'refused', detail: { stage } }));
    return true;
  }

  const holder = {
    get: (): SessionState => state,
    set(next: SessionState): void {
      state = next;
      assist.moved(next);
    },
    /** Starts a person-only step a technician set up (after an ID check): audits name the technician. */
    beginAssisted(next: SessionState, mark: AssistMark): void {
      state = next;
      assist.begin(mark);
    },
    /** The technician behind this session, while it is an assisted one. */
    assisted: (): AssistMark | null => assist.mark(),
    /** The technician's side of an assisted step: the stage, and the last policy verdict (never the password). */
    assistProgress: () => assist.progress(state.stage),
    /** The policy verdict main just computed for the password being typed (assisted sessions keep it). */
    notePolicy: (met: boolean): void => assist.notePolicy(met),
    now,
    view: (): SessionView => toSessionView(state, deps),
    /** Ends the session now (the caller audits why): back to the start, and the shell is told. */
    end,
    /** When the session's time limit ends it, whatever happens in between. */
    endsAt: (): Date => new Date(holder.startedAt() + limits.sessionMinutes * 60_000),
    /** Started now, or when the journey began. */
    startedAt: () => ('startedAt' in state ? state.startedAt : now()),

    /**
     * Expiry first, then the stage: the call must come at `required` (in a journey of `purposes`)
     * and its move must be in that journey's stage table. A refused call changes nothing.
     */
    async refuse(required: Stage, target: Stage | 'stay', purposes?: readonly Purpose[]): Promise<Result<never> | null> {
      if (await endIfStale()) return fail('SESSION_EXPIRED');
      if (state.stage !== required) return fail('WRONG_STAGE');
      if (purposes !== undefined && (state.stage === 'identify' || !purposes.includes(state.purpose))) return fail('WRONG_STAGE');
      if (target !== 'stay' && state.stage !== 'identify' && !canMove(state.purpose, state.stage, target)) return fail('WRONG_STAGE');
      return null;
    },

    /** A step the person took: main's idle clock starts again. */
    touch(): void {
      if (state.stage !== 'identify') state = { ...state, lastActiveAt: now() };
      if (assist.mark() !== null) deps.onAssistedActivity?.();
    },

    async answer(): Promise<Result<SessionView>> {
      return (await endIfStale()) ? fail('SESSION_EXPIRED') : ok(holder.view());
    },

    async stillHere(): Promise<Result<SessionView>> {
      if (await endIfStale()) return fail('SESSION_EXPIRED');
      holder.touch();
      return ok(holder.view());
    },

    async startOver(): Promise<Result<SessionView>> {
      if (state.stage !== 'identify') {
        const typedName = typedNameOf(state);
        const { stage } = state;
        const stamp = assist.stamper();
        end();
        await deps.record(stamp({ event: 'session.start_over', typedName, outcome: 'ok', detail: { stage } }));
      } else {
        // A language chosen on the start screen, then left: the next person starts in the default too.
        language = deps.languages.default;
        deps.onSessionEnded?.();
      }
      return ok(holder.view());
    },

    /** Ends a session that main's own limits say is over, without waiting for the page. */
    sweep: async (): Promise<void> => void (await endIfStale()),

    /** The language this session's screens, emails and texts are in. */
    language: (): Language => language,
    /** A language the kiosk does not offer is refused; choosing one counts as the person being there. */
    setLanguage(next: Language): Result<{ language: Language }> {
      if (!deps.languages.offered.includes(next)) return fail('BAD_INPUT');
      language = next;
      holder.touch();
      return ok({ language });
    },

    /** Runs one step after every step before it. */
    run: <T>(step: () => Promise<T>): Promise<T> => queue.run(step),
  };
  return holder;
}

export type SessionHolder = ReturnType<typeof createSessionHolder>;
