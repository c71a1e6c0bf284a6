import type { KioskInfo } from '../../../shared/ipc/contract.js';
import { ServiceDeskContact } from './ServiceDeskContact.js';

/**
 * The organisation's promise that it never emails password links, and where to ask for help
 * (`helpLead` says why, where a screen has a particular reason to send people to the desk).
 */
export function LinkWarning({ info, helpLead = 'Need help? Ask us:' }: { info: KioskInfo; helpLead?: string }) {
  return (
    <div className="notice">
      <p className="reminder">{info.departmentName} will never email you a link to change your password.</p>
      <p>{helpLead}</p>
      <ServiceDeskContact desk={info.serviceDesk} />
    </div>
  );
}
