/**
 * Where the kiosk's configuration comes from: `--config FILE` (or `--config=FILE`) wins over the
 * SSPR_KIOSK_CONFIG environment variable; with neither, the kiosk starts in demo mode.
 */
export type ConfigSource =
  | { kind: 'file'; path: string; from: 'argument' | 'environment' }
  | { kind: 'demo' }
  | { kind: 'invalid'; message: string };

export function resolveConfigSource(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ConfigSource {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--config') {
      const value = argv[index + 1];
      // A missing value must not silently fall back to demo mode on a production kiosk.
      if (value === undefined || value === '' || value.startsWith('--')) {
        return { kind: 'invalid', message: '--config needs a file path, e.g. --config /etc/sspr-kiosk/config.yaml' };
      }
      return { kind: 'file', path: value, from: 'argument' };
    }
    if (argument?.startsWith('--config=')) {
      const value = argument.slice('--config='.length);
      if (value === '') {
        return { kind: 'invalid', message: '--config needs a file path, e.g. --config=/etc/sspr-kiosk/config.yaml' };
      }
      return { kind: 'file', path: value, from: 'argument' };
    }
  }
  const fromEnv = env.SSPR_KIOSK_CONFIG;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { kind: 'file', path: fromEnv, from: 'environment' };
  return { kind: 'demo' };
}

/**
 * The text for the start-up error box. Config errors from the loader already name each key; other
 * failures get their message, with no stack (the box is shown on a public screen).
 */
export function startupErrorMessage(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== '') return error.message;
  if (typeof error === 'string' && error.trim() !== '') return error;
  return 'The kiosk could not start for an unknown reason.';
}
