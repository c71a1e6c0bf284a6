import { missingCaseError, type Stage } from '../../shared/flow/stages.js';
import type { MessageId } from '../../shared/i18n/catalogues.js';
import type { Translator } from '../../shared/i18n/translator.js';
import type { KioskError } from '../../shared/ipc/result.js';
import type { AssistProgress, PersonBlock, PersonSummary, TechnicianActionResult, TicketEvent } from '../../shared/technician/technician-view.js';
import { humanDuration } from './human-duration.js';
import { errorMessage, type MessageContext } from './messages.js';
import { setUpOnDate } from './set-up-on.js';
import { dayWord } from './time-of-day.js';

/**
 * The words of technician mode (sign-in, console, assisted step) that need more than a plain
 * `t(id)`: counts, times, and audit events. Said to a signed-in technician, so plainer about
 * accounts than the public screens may be; still nothing here ever receives a password, a code or a
 * secret, so nothing can echo one. Every function takes the session's translator (technicianErrorMessage
 * through its MessageContext, as errorMessage does).
 */

/** The idle limit: whole minutes read as minutes, anything else as seconds. */
export function idleNoticeWords(words: Translator, idleSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(idleSeconds));
  return seconds % 60 === 0
    ? words.t('technician.idle.notice.minutes', { minutes: seconds / 60 })
    : words.t('technician.idle.notice.seconds', { seconds });
}

function parsed(iso: string): Date | null {
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? null : when;
}

export function blockWords(words: Translator, block: PersonBlock, now = new Date()): string {
  const until = parsed(block.until);
  if (until === null) return words.t('technician.block.open', { kind: block.kind });
  return words.t('technician.block.until', { kind: block.kind, until, day: dayWord(until, now) });
}

/** A registered method on the person card: its kind, its masked value, and when it was set up. */
export function personMethodWords(words: Translator, method: PersonSummary['methods'][number], now = new Date()): string {
  const values = { kind: method.kind, masked: method.masked };
  const setUp = setUpOnDate(method.addedAt, now);
  if (setUp === null) return words.t('technician.person.method.undated', values);
  return words.t(setUp.sameYear ? 'technician.person.method.thisYear' : 'technician.person.method.otherYear', { ...values, on: setUp.on });
}

/** "3 March 2026, 14:02" in the kiosk's own time zone, as the session's language writes it. */
export function dateTimeWords(words: Translator, iso: string): string {
  const at = parsed(iso);
  return at === null ? iso : words.t('technician.dateTime', { at });
}

/** The event's time of day in the "what was tried" list. */
export function eventTimeWords(words: Translator, iso: string): string {
  const at = parsed(iso);
  return at === null ? iso : words.t('technician.ticket.eventTime', { at });
}

/**
 * One line of "what was tried". Audit events are named `<journey>.<step>`; the step decides the
 * message, and the method ("by email") is a value each message words for itself. An event this
 * table does not know still reads as something, so a new event never hides a row.
 */
export function ticketEventWords(words: Translator, event: TicketEvent): string {
  const step = event.event.slice(event.event.indexOf('.') + 1);
  const method = event.method ?? 'none';
  const failed = event.outcome !== 'ok';
  const say = (id: MessageId) => words.t(id, { method });
  switch (step) {
    case 'begin':
      return say(event.event.startsWith('unlock') ? 'technician.event.beginUnlock' : 'technician.event.beginReset');
    case 'code_requested':
      return say(failed ? 'technician.event.codeRequestRefused' : 'technician.event.codeRequested');
    case 'code_sent':
      return say('technician.event.codeSent');
    case 'code_not_sent':
      // 'ok': nothing registered to send to (or no such account); 'failed': the channel was down.
      return say(failed ? 'technician.event.codeNotSentDown' : 'technician.event.codeNotSentNothing');
    case 'code_resent':
      return say(failed ? 'technician.event.codeResendRefused' : 'technician.event.codeResent');
    case 'delivery_failed':
    case 'code_send_failed':
      return say('technician.event.sendFailed');
    case 'code_checked':
      if (event.outcome === 'ok') return say('technician.event.codeRight');
      return say(event.outcome === 'refused' || event.reason !== undefined ? codeRefusalId(event.reason) : 'technician.event.codeWrong');
    case 'blocked':
      return say('technician.event.blocked');
    case 'method_cooling_off':
      return say('technician.event.coolingOff');
    case 'created':
      return say('technician.event.ticketCreated');
    case 'password_rejected':
      return say('technician.event.passwordRejected');
    default:
      return words.t('technician.event.unknown', { event: event.event, method, outcome: event.outcome });
  }
}

/** A refused code, by the reason the kiosk recorded (tickets made before reasons were kept have none). */
function codeRefusalId(reason: string | undefined): MessageId {
  switch (reason) {
    case 'wrong':
      return 'technician.event.codeWrong';
    case 'throttled':
      return 'technician.event.codeWhileBlocked';
    case 'expired':
    case 'exhausted':
    case 'used':
      return 'technician.event.codeExpired';
    default:
      return 'technician.event.codeRefused';
  }
}

export function idCheckRecordedWords(words: Translator, document: string, checkedAtIso: string): string {
  const at = parsed(checkedAtIso);
  return at === null ? words.t('technician.idCheck.recordedNoTime', { document }) : words.t('technician.idCheck.recorded', { document, at });
}

export function lastActionWords(words: Translator, result: TechnicianActionResult): string {
  switch (result.action) {
    case 'unlock':
      return words.t(
        ({ unlocked: 'technician.result.unlocked', not_locked: 'technician.result.notLocked', not_unlocked: 'technician.result.notUnlocked' } as const)[
          result.outcome
        ],
      );
    case 'clear_blocks':
      return words.t('technician.result.blocksCleared', { count: result.cleared });
    case 'assist_finished':
      return words.t('technician.result.assistFinished', { kind: result.kind, outcome: result.outcome });
    default:
      throw missingCaseError(result);
  }
}

/** Where the person is in the assisted step, in words that never depend on what they type. */
export function assistStageWords(words: Translator, stage: Stage): string {
  switch (stage) {
    case 'new_password':
      return words.t('technician.assist.stage.newPassword');
    case 'choose_method':
      return words.t('technician.assist.stage.chooseMethod');
    case 'code_sent':
      return words.t('technician.assist.stage.codeSent');
    case 'methods':
    case 'method_code':
    case 'app_setup':
    case 'method_review':
      return words.t('technician.assist.stage.methods');
    case 'done':
      return words.t('technician.assist.stage.done');
    case 'blocked':
      return words.t('technician.assist.stage.blocked');
    case 'identify':
    case 'ticket':
      return words.t('technician.assist.stage.ended');
    default:
      throw missingCaseError(stage);
  }
}

export function assistPolicyWords(words: Translator, progress: AssistProgress): string | null {
  if (progress.stage !== 'new_password') return null;
  if (progress.policyMet === null) return words.t('technician.assist.policy.unknown');
  return words.t(progress.policyMet ? 'technician.assist.policy.met' : 'technician.assist.policy.notMet');
}

/**
 * A refusal in a technician's words: a few codes read differently to staff than to the public
 * (a block on sign-in names when it ends, and never sends a technician to their own desk).
 */
export function technicianErrorMessage(error: KioskError, context: MessageContext, now = new Date()): string {
  const { words } = context;
  if (error.code === 'TOO_MANY_ATTEMPTS') {
    const until = error.details?.until === undefined ? null : parsed(error.details.until);
    const wait = error.details?.retryAfterSeconds === undefined ? null : humanDuration(words, error.details.retryAfterSeconds);
    if (until !== null) {
      const values = { until, day: dayWord(until, now) };
      return wait === null ? words.t('technician.error.blockedUntilOnly', values) : words.t('technician.error.blockedUntil', { ...values, wait });
    }
    return wait === null ? words.t('technician.error.blockedWhile') : words.t('technician.error.blockedFor', { wait });
  }
  return errorMessage(error, context);
}
