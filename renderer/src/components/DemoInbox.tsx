import { useCallback, useEffect, useRef, useState } from 'react';
import type { DemoMessage } from '../../../shared/ipc/contract.js';
import { channelNameIds } from '../messages.js';
import { useWords } from '../i18n/use-words.js';
import { useInterval } from '../hooks/use-interval.js';
import { useFlow } from '../stores/bound-stores.js';

const pollMilliseconds = 1500;

/**
 * In demo mode nothing is really sent: this panel shows what would have been (emails and text
 * messages, each labelled with its channel), so a presenter can read the code aloud. It shows one
 * visitor's messages only: main empties its outbox when a walk-up session ends, and this view
 * empties with it. Newest first, in its own scroll area, so the page never grows with messages.
 */
export function DemoInbox() {
  const [messages, setMessages] = useState<DemoMessage[]>([]);
  const words = useWords();
  const { t } = words;
  // A session that ends (or a wipe, which empties the view) starts a new inbox: an answer asked for
  // before that must not bring the last visitor's messages back.
  const ended = useFlow((s) => s.view === null || s.view.stage === 'identify');
  const generation = useRef(0);

  const fetchInbox = useCallback(() => {
    const asked = generation.current;
    window.kiosk
      .demoInbox()
      .then((result) => {
        if (result.ok && asked === generation.current) setMessages([...result.value].sort((a, b) => b.id - a.id));
      })
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    if (ended) {
      generation.current += 1;
      setMessages([]);
    }
    fetchInbox();
  }, [ended, fetchInbox]);
  useInterval(fetchInbox, pollMilliseconds);

  return (
    // Focusable: a scroll area of its own must be reachable by keyboard too.
    <aside className="demo-inbox" aria-labelledby="demo-inbox-heading" tabIndex={0} data-testid="demo-inbox">
      <h2 id="demo-inbox-heading">{t('walkUp.demo.inbox.heading')}</h2>
      <p className="demo-inbox-note">{t('walkUp.demo.inbox.note')}</p>
      {messages.length === 0 ? (
        <p className="demo-inbox-empty">{t('walkUp.demo.inbox.empty')}</p>
      ) : (
        <ol className="demo-messages">
          {messages.map((message) => (
            <li key={message.id}>
              <article data-testid="demo-message" data-message-id={message.id} data-channel={message.channel} className="demo-message">
                {/* A text message has no subject: its heading names the channel instead of being empty. */}
                <h3 data-value-text={message.subject === '' ? undefined : true} dir="auto">{message.subject === '' ? t(channelNameIds[message.channel]) : message.subject}</h3>
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
                {/* Written in the language main chose, which may not be the page's: with dir=auto a <pre> gives each paragraph the direction of its own letters. */}
                <pre data-value-text dir="auto">
                  {message.text}
                </pre>
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
