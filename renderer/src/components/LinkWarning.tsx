import type { KioskInfo } from '../../../shared/ipc/contract.js';
import { ServiceDeskContact } from './ServiceDeskContact.js';

/** The organisation's promise that it never emails password links, and where to ask for help. */
export function LinkWarning({ info }: { info: KioskInfo }) {
  return (
    <div className="notice">
      <p className="reminder">{info.departmentName} will never email you a link to change your password.</p>
      <p>Need help? Ask us:</p>
      <ServiceDeskContact desk={info.serviceDesk} />
    </div>
  );
}
