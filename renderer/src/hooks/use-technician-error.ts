import { technicianErrorMessage } from '../technician-messages.js';
import { useTechnician } from '../stores/bound-stores.js';
import type { TechnicianForm } from '../stores/technician-store.js';
import { useMessageContext } from './use-message-context.js';

/** Main's last refusal in words, shown only by the technician form it belongs to. */
export function useTechnicianError(form: TechnicianForm): string | null {
  const context = useMessageContext();
  const error = useTechnician((s) => (s.error?.form === form ? s.error.error : null));
  return error === null ? null : technicianErrorMessage(error, context);
}
