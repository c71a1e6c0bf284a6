import { codeOnItsWayIds, errorMessage, errorMessages, type MessageContext } from '../../../renderer/src/messages.js';
import type { SessionView, VerificationMethod } from '../../../shared/flow/stages.js';
import type { Result } from '../../../shared/ipc/result.js';
import { figure, type Figure, type SectionOptions } from '../../figure.js';
import { section, type ExpectedFailure, type Fault } from './fault.js';
import { observe, type AuditRow, type Observation } from './observe.js';

/** Names a stranger might type, per method: the registered one has a verified address of that kind. */
const namesFor: Record<VerificationMethod, { registered: string; unknown: string; unregistered: string; locked: string }> = {
  email: { registered: 'amira.khan', unknown: 'nobody.here', unregistered: 'chloe.martin', locked: 'dev.patel' },
  sms: { registered: 'ben.okafor', unknown: 'nobody.here', unregistered: 'amira.khan', locked: 'dev.patel' },
};

/** The words the person reads for an answer, as the screens turn it into words (renderer/src/messages.ts, CodeSentScreen). */
function wordsFor(answer: Result<unknown>, method: VerificationMethod, context: MessageContext): { key: string; text: string } | null {
  if (!answer.ok) return { key: answer.error.code, text: errorMessage(answer.error, context) };
  const view = answer.value as SessionView;
  if (view.stage !== 'code_sent') return null;
  if (view.delivery === 'failed') return { key: 'SEND_FAILED', text: `${context.words.t(codeOnItsWayIds.reset[method])} ${errorMessages.SEND_FAILED(undefined, context)}` };
  return { key: 'on its way', text: context.words.t(codeOnItsWayIds.reset[method]) };
}

/** The audit rows that name the failure for the desk: its class, and reply code or status where there is one. */
function failureRows(rows: AuditRow[], expected: ExpectedFailure): { event: string; detail: Record<string, unknown> }[] {
  return rows.flatMap((row) => {
    let detail: Record<string, unknown>;
    try {
      detail = JSON.parse(row.detail) as Record<string, unknown>;
    } catch {
      return [];
    }
    const matches =
      detail['errorClass'] === expected.errorClass &&
      (expected.replyCode === undefined || detail['replyCode'] === expected.replyCode) &&
      (expected.status === undefined || detail['status'] === expected.status);
    return matches ? [{ event: row.event, detail }] : [];
  });
}

const describeDetail = (detail: Record<string, unknown>) =>
  [detail['errorClass'], detail['command'], detail['replyCode'] === undefined ? undefined : `reply ${String(detail['replyCode'])}`, detail['status'] === undefined ? undefined : `HTTP ${String(detail['status'])}`]
    .filter((part) => part !== undefined)
    .join(', ');

export async function faultFigures(fault: Fault, options: SectionOptions, folder: string): Promise<{ figures: Figure[]; backgroundFailures: number }> {
  const started = Date.now();
  const setup = await fault.setUp(folder, options);
  const names = namesFor[fault.method];
  const kinds = options.quick ? (['registered', 'unknown'] as const) : (['registered', 'unknown', 'unregistered', 'locked'] as const);
  const seen: Observation[] = [];
  try {
    for (const kind of kinds) seen.push(await observe(fault, setup, names[kind], folder, options));
  } finally {
    const secrets = setup.secrets();
    for (const password of secrets.password) options.recorder.secret('password', password);
    for (const code of secrets.code) options.recorder.secret('code', code);
    await setup.stop();
  }
  const registered = seen[0]!;
  const unknown = seen[1]!;
  const label = (what: string) => `${fault.name}: ${what}`;

  const identical = new Set(seen.map((observation) => observation.transcript)).size === 1;
  const who = kinds.join(' / ');

  // What the person reads: after the delivery ran, and after pressing "Send a new code".
  const afterDelivery = wordsFor(registered.answers[2]!, fault.method, registered.context);
  const afterResend = wordsFor(registered.answers[3]!, fault.method, registered.context);
  const shown = [afterDelivery, afterResend].filter((words) => words !== null);
  const failureShown = afterDelivery?.key === 'SEND_FAILED' && afterResend !== null && afterResend.key !== 'INTERNAL';
  const wordsOk = fault.shows ? failureShown : afterDelivery?.key === 'on its way' && shown.every((words) => words.text.length > 0);

  const registeredRows = failureRows(registered.audit, fault.expected);
  // A channel that is down is judged before any name is looked up, so the row is there for every name alike.
  const auditOk = registeredRows.length > 0 && (!fault.shows || failureRows(unknown.audit, fault.expected).length > 0);
  const expectedWords = [fault.expected.errorClass, fault.expected.replyCode === undefined ? undefined : `reply ${fault.expected.replyCode}`, fault.expected.status === undefined ? undefined : `HTTP ${fault.expected.status}`]
    .filter((part) => part !== undefined)
    .join(', ');

  const internal = seen.reduce((sum, observation) => sum + observation.internal, 0);
  const counted = seen.map((observation) => observation.counted);
  const figures = [
    figure(
      section,
      label(`answers identical for ${who} names`),
      identical ? 'yes' : 'no',
      'yes',
      identical,
      `${setup.where}; ${fault.method === 'email' ? 'reset by email' : 'reset by text'}; answers: ${registered.answers.map((answer) => (answer.ok ? (answer.value as SessionView).stage + ('delivery' in (answer.value as object) ? `/${(answer.value as { delivery: string }).delivery}` : '') : answer.error.code)).join(' -> ')}` +
        (identical ? '' : `; differs: ${seen.map((observation) => `${observation.name} ${observation.transcript.slice(0, 300)}`).join(' | ')}`),
    ),
    figure(
      section,
      label('words shown'),
      shown.map((words) => words.key).join(', then ') || 'none',
      fault.shows ? 'the failure, in words' : '"on its way", as for every name',
      wordsOk,
      shown.map((words) => `"${words.text}"`).join(' / then: '),
    ),
    figure(
      section,
      label('audit row with error class present'),
      registeredRows.length > 0 ? `yes (${registeredRows[0]!.event}: ${describeDetail(registeredRows[0]!.detail)})` : 'no',
      `yes (${expectedWords})`,
      auditOk,
    ),
    figure(section, label('INTERNAL answers'), internal, '0', internal === 0),
  ];
  if (fault.shows) {
    // Nobody could have been sent anything, so nobody's limits are spent.
    figures.push(figure(section, label('code requests counted against the name'), Math.max(...counted), '0', counted.every((count) => count === 0)));
  } else {
    figures.push(
      figure(
        section,
        label('code requests counted against the name'),
        counted.join(' / '),
        null,
        null,
        'the same for every name: a send that fails for one recipient is counted like any request, because refunding real accounts only would tell which names exist',
      ),
    );
  }
  options.progress(`delivery faults: ${fault.name}: ${Math.round((Date.now() - started) / 100) / 10} s`);
  return { figures, backgroundFailures: seen.reduce((sum, observation) => sum + observation.backgroundFailures, 0) };
}
