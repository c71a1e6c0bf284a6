/**
 * What the username box can refuse before anything is sent to main: nothing typed, or an email
 * address (people often type their university or personal address). Main never hears of either, so
 * a mistyped address is not looked up, throttled or audited as a username.
 */
export type UsernameProblem = 'missing' | 'email';

export function usernameProblem(typed: string): UsernameProblem | null {
  const trimmed = typed.trim();
  if (trimmed === '') return 'missing';
  if (trimmed.includes('@')) return 'email';
  return null;
}
