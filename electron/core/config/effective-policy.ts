import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { presets, type PolicyRules } from '../../../shared/policy/policy-config.js';

/** The rules in force: the chosen preset with the configured overrides on top, key by key. */
export function effectivePolicy(config: KioskConfig): PolicyRules {
  return { ...presets[config.policy.preset], ...config.policy.overrides };
}
