import { errorMessage } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';
import { useMessageContext } from './use-message-context.js';

/**
 * What a form shows in its error region: the screen's own finding about what was typed comes first
 * (nothing was sent to main), otherwise main's last refusal in words, otherwise nothing.
 */
export function useErrorWords(localProblem: string | null): string | null {
  const context = useMessageContext();
  const error = useFlow((s) => s.error);
  if (localProblem !== null) return localProblem;
  return error === null ? null : errorMessage(error, context);
}
