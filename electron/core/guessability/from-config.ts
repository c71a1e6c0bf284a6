import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { PolicyRules } from '../../../shared/policy/policy-config.js';
import { effectivePolicy } from '../config/effective-policy.js';
import { GuessabilityConfigError } from './custom-terms.js';

/**
 * What the kiosk, the preview and the admin command hand to loadGuessabilityEngine, so all three agree.
 *
 * A password with no banned term in it scores one point per character. With minScore above
 * minLength, a password of allowed length and no banned term would still be refused, and the only
 * reason the engine could give is "too short" -- which the person, who typed enough characters, is
 * told as "shorter than {minLength} characters": untrue. Such a config stops start-up instead.
 */
export function guessabilityOptionsFromConfig(config: KioskConfig, rules: PolicyRules = effectivePolicy(config)) {
  if (rules.minScore > rules.minLength) {
    throw new GuessabilityConfigError([
      `policy.overrides.minScore: must not be more than minLength (${rules.minScore} > ${rules.minLength}); raise policy.overrides.minLength to at least ${rules.minScore} as well`,
    ]);
  }
  return {
    customTerms: config.policy.customBannedTerms,
    organisationName: config.branding.organisationName,
    minScore: rules.minScore,
    minGuessesLog10: rules.minGuessesLog10,
  };
}
