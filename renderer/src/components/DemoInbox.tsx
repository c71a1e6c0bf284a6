import { useCallback, useEffect, useState } from 'react';
import type { DemoMessage } from '../../../shared/ipc/contract.js';
import { channelNames } from '../messages.js';
import { useInterval } from '../hooks/use-interval.js';

const pollMilliseconds = 1500;

/**
 * In demo mode nothing is really sent: this panel shows what would have been (emails and text
 * messages, each labelled with its channel), so a presenter can read the code aloud. It belongs to the demo, not to the walk-up session, so a wipe leaves it.
 */
export function DemoInbox() {
  const [messages, setMessages] = useState<DemoMessage[]>([]);

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
      <h2 id="demo-inbox-heading">Demo inbox</h2>
      <p className="demo-inbox-note">Every message the kiosk would have sent, newest first.</p>
      {messages.length === 0 ? (
        <p className="demo-inbox-empty">No messages yet.</p>
      ) : (
        <ol className="demo-messages">
          {messages.map((message) => (
            <li key={message.id}>
              <article data-testid="demo-message" data-channel={message.channel} className="demo-message">
                {/* A text message has no subject: its heading names the channel instead of being empty. */}
                <h3>{message.subject === '' ? channelNames[message.channel] : message.subject}</h3>
                <dl>
                  <div>
                    <dt>Channel</dt>
                    <dd>{channelNames[message.channel]}</dd>
                  </div>
                  <div>
                    <dt>To</dt>
                    <dd>{message.to}</dd>
                  </div>
                  <div>
                    <dt>Sent</dt>
                    <dd>
                      <time dateTime={message.sentAt}>{formatSentAt(message.sentAt)}</time>
                    </dd>
                  </div>
                </dl>
                <pre>{message.text}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}

function formatSentAt(iso: string): string {
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? iso : when.toLocaleTimeString('en-GB');
}
