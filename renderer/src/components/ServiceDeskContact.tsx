import type { ServiceDeskInfo } from '../../../shared/ipc/contract.js';

/** Where to go when the kiosk cannot help; empty fields from the configuration are left out. */
export function ServiceDeskContact({ desk }: { desk: ServiceDeskInfo }) {
  const rows: [string, string][] = (
    [
      ['Where', desk.location],
      ['Phone', desk.phone],
      ['Email', desk.email],
      ['Open', desk.hours],
    ] as [string, string][]
  ).filter(([, value]) => value.trim() !== '');
  return (
    <div className="desk">
      <p className="desk-name">{desk.name}</p>
      {rows.length === 0 ? null : (
        <dl className="desk-details">
          {rows.map(([label, value]) => (
            <div key={label} className="desk-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
