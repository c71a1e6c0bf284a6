import type { ServiceDeskInfo } from '../../../shared/ipc/contract.js';
import { useWords } from '../i18n/use-words.js';

/** Where to go when the kiosk cannot help; empty fields from the configuration are left out. */
export function ServiceDeskContact({ desk }: { desk: ServiceDeskInfo }) {
  const { t } = useWords();
  const rows: [string, string][] = (
    [
      [t('walkUp.desk.where'), desk.location],
      [t('walkUp.desk.phone'), desk.phone],
      [t('walkUp.desk.email'), desk.email],
      [t('walkUp.desk.open'), desk.hours],
    ] as [string, string][]
  ).filter(([, value]) => value.trim() !== '');
  return (
    <div className="desk">
      <p className="desk-name" data-config-text>{desk.name}</p>
      {rows.length === 0 ? null : (
        <dl className="desk-details">
          {rows.map(([label, value]) => (
            <div key={label} className="desk-row">
              <dt>{label}</dt>
              <dd data-config-text>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
