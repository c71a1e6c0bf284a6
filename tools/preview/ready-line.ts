export interface ReadyLineInput {
  url: string;
  headless: boolean;
  cdpUrl: string | null;
  /** Demo usernames with what each one shows; null outside demo mode. */
  demoAccounts: ReadonlyArray<{ username: string; description: string }> | null;
  /** Which Chromium runs it, e.g. "the system's Chromium (/usr/bin/chromium)". */
  browserLabel?: string;
}

/** The one line the CLI prints when the kiosk is up: where it is and what to try. Never a password. */
export function readyLine(input: ReadyLineInput): string {
  const parts = [`Kiosk preview ready at ${input.url} (${input.headless ? 'headless' : 'window'})`];
  if (input.browserLabel !== undefined) parts.push(`browser: ${input.browserLabel}`);
  if (input.cdpUrl !== null) parts.push(`CDP: chromium.connectOverCDP('${input.cdpUrl}')`);
  if (input.demoAccounts !== null)
    parts.push(`demo accounts: ${input.demoAccounts.map((account) => `${account.username} (${account.description})`).join(', ')}`);
  parts.push('Ctrl+C to stop');
  return parts.join(' | ');
}
