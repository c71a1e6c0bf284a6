import { useCallback, useEffect, useState } from 'react';
import type { DemoMessage } from '../../../shared/ipc/contract.js';
import { channelNameIds } from '../messages.js';
import { useWords } from '../i18n/use-words.js';
import { useInterval } from '../hooks/use-interval.js';

const pollMilliseconds = 1500;

/**
 * In demo mode nothing is really sent: this panel shows what would have been (emails and text
 * messages, each labelled with its channel), so a presenter can read the code aloud. It belongs to the demo, not to the walk-up session, so a wipe leaves it.
 */
export function DemoInbox() {
  const [messages, setMessages] = useState<DemoMessage[]>([]);
  const words = useWords();
  const { t } = words;

  const fetchInbox = useCallback(() => {
    window.kiosk
      .demoInbox()
      .then((result) => {
        if (result.ok) setMessages([...result.value].sort((a, b) => b.id - a.id));
      })
      .catch(() => undefined);
  }, []);

  useEffect(fetchInbox, [fetchInbox]);
  useInterval(fetchInbox, pollMilliseconds);

  return (
    <aside className="demo-inbox" aria-labelledby="demo-inbox-heading">
      <h2 id="demo-inbox-heading">{t('walkUp.demo.inbox.heading')}</h2>
      <p className="demo-inbox-note">{t('walkUp.demo.inbox.note')}</p>
      {messages.length === 0 ? (
        <p className="demo-inbox-empty">{t('walkUp.demo.inbox.empty')}</p>
      ) : (
        <ol className="demo-messages">
          {messages.map((message) => (
            <li key={message.id}>
              <article data-testid="demo-message" data-channel={message.channel} className="demo-message">
                {/* A text message has no subject: its heading names the channel instead of being empty. */}
                <h3 data-value-text={message.subject === '' ? undefined : true}>{message.subject === '' ? t(channelNameIds[message.channel]) : message.subject}</h3>
                <dl>
                  <div>
                    <dt>{t('walkUp.demo.inbox.channel')}</dt>
                    <dd>{t(channelNameIds[message.channel])}</dd>
                  </div>
                  <div>
                    <dt>{t('walkUp.demo.inbox.to')}</dt>
                    <dd data-value-text>
                      <span dir="ltr">{message.to}</span>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('walkUp.demo.inbox.sent')}</dt>
                    <dd>
                      <time dateTime={message.sentAt} data-value-text>{formatSentAt(message.sentAt, words.timeOfDay)}</time>
                    </dd>
                  </div>
                </dl>
                <pre data-value-text>{message.text}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}

function formatSentAt(iso: string, timeOfDay: (at: Date) => string): string {
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? iso : timeOfDay(when);
}
