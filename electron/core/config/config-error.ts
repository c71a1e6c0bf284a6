/** Start-up stops with this: one `key: what was expected` line per problem, for a person to fix the file. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`The kiosk configuration ${source} is not valid:\n${problems.map((line) => `  ${line}`).join('\n')}`);
  }
}
