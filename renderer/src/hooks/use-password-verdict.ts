import { useEffect, useState } from 'react';
import type { PolicyRuleCode } from '../../../shared/policy/rule-codes.js';

const debounceMilliseconds = 250;

/**
 * Main's opinion of the password being typed (banned terms, breached list, names), asked for once
 * typing pauses. Answers for an older password are dropped, so the list never describes text that
 * is no longer in the box. null: no answer yet for the current text.
 */
export function usePasswordVerdict(password: string): PolicyRuleCode[] | null {
  const [verdict, setVerdict] = useState<{ password: string; failed: PolicyRuleCode[] } | null>(null);

  useEffect(() => {
    if (password === '') return undefined;
    let current = true;
    const timer = window.setTimeout(() => {
      window.kiosk
        .checkPassword(password)
        .then((result) => {
          // A refusal (e.g. the session moved on) is not a verdict on the password: show nothing.
          if (current && result.ok) setVerdict({ password, failed: result.value.failed });
        })
        .catch(() => undefined);
    }, debounceMilliseconds);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [password]);

  return verdict !== null && verdict.password === password ? verdict.failed : null;
}
