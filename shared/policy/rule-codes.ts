/** Why a password was refused. Codes travel over IPC; the renderer owns the words. */
export const policyRuleCodes = [
  'too_short',
  'too_long',
  'needs_upper',
  'needs_lower',
  'needs_digit',
  'forbidden_character',
  'contains_username',
  'contains_name',
  'contains_org_name',
  'banned_term',
  'breached',
  'reused',
] as const;
export type PolicyRuleCode = (typeof policyRuleCodes)[number];
