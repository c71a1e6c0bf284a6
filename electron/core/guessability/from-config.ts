import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { PolicyRules } from '../../../shared/policy/policy-config.js';
import { effectivePolicy } from '../config/effective-policy.js';

/** What the kiosk, the preview and the admin command hand to loadGuessabilityEngine, so all three agree. */
export function guessabilityOptionsFromConfig(config: KioskConfig, rules: PolicyRules = effectivePolicy(config)) {
  return {
    customTerms: config.policy.customBannedTerms,
    organisationName: config.branding.organisationName,
    minScore: rules.minScore,
  };
}
