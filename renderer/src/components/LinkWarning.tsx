import type { KioskInfo } from '../../../shared/ipc/contract.js';
import { useWords } from '../i18n/use-words.js';
import { ServiceDeskContact } from './ServiceDeskContact.js';

/**
 * The organisation's promise that it never emails password links, and where to ask for help
 * (`helpLead` says why, where a screen has a particular reason to send people to the desk).
 */
export function LinkWarning({ info, helpLead }: { info: KioskInfo; helpLead?: string }) {
  const { t } = useWords();
  return (
    <div className="notice">
      <p className="reminder">{t('walkUp.linkWarning.reminder', { department: info.departmentName })}</p>
      <p>{helpLead ?? t('walkUp.linkWarning.help')}</p>
      <ServiceDeskContact desk={info.serviceDesk} />
    </div>
  );
}
