import type { KioskInfo } from '../../../shared/ipc/contract.js';

export function KioskHeader({ info }: { info: KioskInfo }) {
  return (
    <header className="kiosk-header">
      {/* The organisation's name is written right beside the logo, so the image adds nothing to read. */}
      {info.logoDataUrl === null ? null : <img className="logo" src={info.logoDataUrl} alt="" />}
      <div className="brand-names">
        <p className="organisation">{info.organisationName}</p>
        <p className="department">{info.departmentName}</p>
      </div>
      {info.demo ? (
        <p className="demo-badge">
          <span className="demo-word">DEMO</span>
          <span className="demo-note">Practice mode: made-up accounts, nothing is sent</span>
        </p>
      ) : null}
    </header>
  );
}
