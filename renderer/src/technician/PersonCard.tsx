import type { ReactNode } from 'react';
import type { MessageId } from '../../../shared/i18n/catalogues.js';
import type { PersonSummary } from '../../../shared/technician/technician-view.js';
import { useWords } from '../i18n/use-words.js';
import { blockWords, dateTimeWords, personMethodWords } from '../technician-messages.js';

/** What helps a technician help: name, state, masked methods, recent trouble. Nothing secret. */
export function PersonCard({ person }: { person: PersonSummary }) {
  const words = useWords();
  const { t } = words;
  const rows: [MessageId, ReactNode][] = [
    ['technician.person.account', <AccountState key="state" person={person} />],
    [
      'technician.person.methods',
      person.methods.length === 0 ? (
        t('technician.person.noMethods')
      ) : (
        <ul className="plain-list">
          {person.methods.map((method) => (
            <li key={method.id}>{personMethodWords(words, method)}</li>
          ))}
        </ul>
      ),
    ],
    [
      'technician.person.passwordChanged',
      person.passwordChangedAt === null ? t('technician.person.unknownDate') : dateTimeWords(words, person.passwordChangedAt),
    ],
    ['technician.person.failedProofs', t('technician.person.failedProofsCount', { count: person.recentFailedProofs })],
    [
      'technician.person.blocks',
      person.blocks.length === 0 ? (
        t('technician.person.noBlocks')
      ) : (
        <ul className="plain-list">
          {person.blocks.map((block) => (
            <li key={block.kind}>{blockWords(words, block)}</li>
          ))}
        </ul>
      ),
    ],
  ];
  return (
    <section className="console-panel" aria-labelledby="person-heading" data-testid="technician-person" data-username={person.username}>
      <h2 id="person-heading">{t('technician.person.title', { displayName: person.displayName, username: person.username })}</h2>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Locked or not, active or disabled: two flags side by side (the gap is CSS, not a word to translate). */
function AccountState({ person }: { person: PersonSummary }) {
  const { t } = useWords();
  return (
    <span className="account-state" data-testid="person-state">
      <strong className={person.locked ? 'flag flag-bad' : 'flag'}>{t(person.locked ? 'technician.person.locked' : 'technician.person.notLocked')}</strong>{' '}
      <strong className={person.disabled ? 'flag flag-bad' : 'flag'}>{t(person.disabled ? 'technician.person.disabled' : 'technician.person.active')}</strong>
    </span>
  );
}
