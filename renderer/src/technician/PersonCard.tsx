import type { ReactNode } from 'react';
import type { PersonSummary } from '../../../shared/technician/technician-view.js';
import { methodKindNames, methodLine } from '../registration-messages.js';
import { setUpOnWords } from '../set-up-on.js';
import { blockWords, dateTimeWords, personWords } from '../technician-messages.js';

/** What helps a technician help: name, state, masked methods, recent trouble. Nothing secret. */
export function PersonCard({ person }: { person: PersonSummary }) {
  const rows: [string, ReactNode][] = [
    [personWords.status, <AccountState key="state" person={person} />],
    [
      personWords.methods,
      person.methods.length === 0 ? (
        personWords.noMethods
      ) : (
        <ul className="plain-list">
          {person.methods.map((method) => (
            <li key={method.id}>
              {method.masked === '' ? methodLine(method.kind, '', setUpOnWords(method.addedAt)) : `${methodKindNames[method.kind]}: ${methodLine(method.kind, method.masked, setUpOnWords(method.addedAt))}`}
            </li>
          ))}
        </ul>
      ),
    ],
    [personWords.passwordChanged, person.passwordChangedAt === null ? personWords.unknownDate : dateTimeWords(person.passwordChangedAt)],
    [personWords.failedProofs, String(person.recentFailedProofs)],
    [
      personWords.blocks,
      person.blocks.length === 0 ? (
        personWords.noBlocks
      ) : (
        <ul className="plain-list">
          {person.blocks.map((block) => (
            <li key={block.kind}>{blockWords(block)}</li>
          ))}
        </ul>
      ),
    ],
  ];
  return (
    <section className="console-panel" aria-labelledby="person-heading" data-testid="technician-person" data-username={person.username}>
      <h2 id="person-heading">
        {person.displayName} <span className="muted">({person.username})</span>
      </h2>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function AccountState({ person }: { person: PersonSummary }) {
  return (
    <span data-testid="person-state">
      <strong className={person.locked ? 'flag flag-bad' : 'flag'}>{person.locked ? personWords.locked : personWords.notLocked}</strong>
      {', '}
      <strong className={person.disabled ? 'flag flag-bad' : 'flag'}>{person.disabled ? personWords.disabled : personWords.notDisabled}</strong>
    </span>
  );
}
