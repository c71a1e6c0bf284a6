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
  // The composition gate (electron/core/guessability/composition/): what the cheapest composition
  // of the password is built on, and what pads it out. Together they make one sentence
  // ("built on a common sequence plus a year"), see renderer/src/messages.ts.
  'built_on_sequence',
  'built_on_word',
  'built_on_name',
  'plus_year',
  'plus_date',
  'plus_number',
  'plus_repeat',
  'reused',
  // Said only by the organisation's directory (LDAP ppolicy, Active Directory) when it refuses a
  // password the kiosk's own rules allowed: its own quality rules, or a minimum age between changes.
  'directory_quality',
  'too_recent',
] as const;
export type PolicyRuleCode = (typeof policyRuleCodes)[number];
