import type { KioskInfo } from '../../../shared/ipc/contract.js';
import { useWords } from '../i18n/use-words.js';

export function KioskHeader({ info }: { info: KioskInfo }) {
  const { t } = useWords();
  return (
    <header className="kiosk-header">
      {/* The organisation's name is written right beside the logo, so the image adds nothing to read. */}
      {info.logoDataUrl === null ? null : <img className="logo" src={info.logoDataUrl} alt="" />}
      <div className="brand-names">
        <p className="organisation" data-config-text>{info.organisationName}</p>
        <p className="department" data-config-text>{info.departmentName}</p>
      </div>
      {info.demo ? (
        <p className="demo-badge">
          <span className="demo-word">{t('walkUp.demo.badge')}</span>
          <span className="demo-note">{t('walkUp.demo.note')}</span>
        </p>
      ) : null}
    </header>
  );
}
