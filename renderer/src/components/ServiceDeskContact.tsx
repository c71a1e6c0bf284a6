import type { ServiceDeskInfo } from '../../../shared/ipc/contract.js';
import { useWords } from '../i18n/use-words.js';

/** Where to go when the kiosk cannot help; empty fields from the configuration are left out. */
export function ServiceDeskContact({ desk }: { desk: ServiceDeskInfo }) {
  const { t } = useWords();
  // A phone number or an address reads left to right in any language: in an Arabic page a bare
  // "01632 960 321" would be reordered. Place and hours are in whatever language the config wrote.
  const rows: [string, string, 'ltr' | 'auto'][] = (
    [
      [t('walkUp.desk.where'), desk.location, 'auto'],
      [t('walkUp.desk.phone'), desk.phone, 'ltr'],
      [t('walkUp.desk.email'), desk.email, 'ltr'],
      [t('walkUp.desk.open'), desk.hours, 'auto'],
    ] as [string, string, 'ltr' | 'auto'][]
  ).filter(([, value]) => value.trim() !== '');
  return (
    <div className="desk">
      <p className="desk-name" data-config-text>{desk.name}</p>
      {rows.length === 0 ? null : (
        <dl className="desk-details">
          {rows.map(([label, value, direction]) => (
            <div key={label} className="desk-row">
              <dt>{label}</dt>
              <dd data-config-text>
                <span dir={direction}>{value}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
