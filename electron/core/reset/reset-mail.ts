import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { MailInputError } from '../mail/mail-errors.js';
import { codeEmail, resetNotificationEmail, type MailBranding, type RenderedEmail } from '../mail/templates.js';
import type { AccountRecord, AuditLog, Clock, EmailSender } from '../ports.js';
import type { Throttle } from '../throttle/throttle.js';
import { createBackgroundTasks } from './background-tasks.js';

export function mailBrandingOf(config: KioskConfig): MailBranding {
  const { organisationName, departmentName, serviceDesk } = config.branding;
  return { organisationName, departmentName, serviceDesk };
}

export interface ResetMailDeps {
  email: EmailSender;
  audit: AuditLog;
  throttle: Throttle;
  clock: Clock;
  config: KioskConfig;
  transaction<T>(work: () => T): T;
  log: (line: string) => void;
}

/**
 * The reset journey's outgoing mail. Nothing here is awaited by a request: the response must look
 * the same whether or not a message is on its way, and must not wait on the mail server.
 */
export function createResetMail(deps: ResetMailDeps) {
  const { email, audit, throttle, clock, config, transaction } = deps;
  const background = createBackgroundTasks(deps.log);
  const branding = mailBrandingOf(config);

  /** The message, or null (logged by field, never by value) when a template refuses its input. */
  function rendered(render: () => RenderedEmail): RenderedEmail | null {
    try {
      return render();
    } catch (error) {
      if (!(error instanceof MailInputError)) throw error;
      deps.log(`email not written: ${error.message}`);
      return null;
    }
  }

  /** Sends to every address; resolves to how many sends failed. */
  async function sendToAll(recipients: string[], message: { subject: string; text: string; html: string }): Promise<number> {
    const results = await Promise.allSettled(recipients.map((to) => Promise.resolve().then(() => email.send({ to, ...message }))));
    return results.filter((result) => result.status === 'rejected').length;
  }

  return {
    /**
     * `throttleEvents` are taken back when no address received the code: a request nobody received
     * neither counts against the limits nor costs a try. `onUndelivered` lets the session show it.
     */
    sendCode(request: { username: string; code: string; recipients: string[]; throttleEvents: number[]; onUndelivered: () => void }): void {
      const { username, code, recipients, throttleEvents } = request;
      background.start('code email', async () => {
        // A message the template refuses to write is a send that failed: the person must hear of it too.
        const message = rendered(() => codeEmail({ branding, code, ttlMinutes: config.codes.ttlMinutes, purpose: 'reset' }));
        const failed = message === null ? recipients.length : await sendToAll(recipients, message);
        if (failed === 0) return;
        const nobodyReached = failed === recipients.length;
        transaction(() => {
          if (nobodyReached) throttleEvents.forEach((eventId) => throttle.forget(eventId));
          audit.record({ event: 'reset.code_send_failed', username, outcome: 'failed', detail: { method: 'email', failed, recipients: recipients.length } });
        });
        if (nobodyReached) request.onUndelivered();
      });
    },

    /** `typed` goes to the audit (as typed); the message names the account as the directory spells it. */
    sendResetNotice(typed: string, account: AccountRecord, recipients: string[]): void {
      const when = clock.now();
      // Written in the background too: the password has already changed, so the reset must not fail here.
      background.start('reset notification', async () => {
        const message = rendered(() =>
          resetNotificationEmail({ branding, username: account.username, when, kioskId: config.kiosk.id, kioskLocation: config.kiosk.location }),
        );
        const failed = message === null ? recipients.length : await sendToAll(recipients, message);
        transaction(() =>
          audit.record({
            event: 'reset.notification',
            username: typed,
            outcome: failed === 0 ? 'ok' : 'failed',
            detail: { recipients: recipients.length, failed },
          }),
        );
      });
    },

    /** Resolves when every message has been handed over or has failed (shutdown, tests). */
    settled: () => background.settled(),
  };
}
