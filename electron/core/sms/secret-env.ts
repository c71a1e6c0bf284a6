import { SmsConfigError } from './sms-errors.js';

/**
 * A credential read from the environment at start-up, like the SMTP password. The error names the
 * variable and the key that names it, never the value.
 */
export function secretFromEnv(env: Record<string, string | undefined>, variable: string, key: string): string {
  const value = env[variable];
  if (value === undefined || value === '') {
    throw new SmsConfigError('SMS_SECRET_ENV_MISSING', `text-message credential missing: set the environment variable ${variable} (named by ${key})`);
  }
  // A line break or control character would make fetch refuse the header at the first send, far from the cause.
  if (!/^[ -~]+$/.test(value)) {
    throw new SmsConfigError(
      'SMS_SECRET_ENV_INVALID',
      `the environment variable ${variable} (named by ${key}) must hold printable ASCII only, no line breaks`,
    );
  }
  return value;
}
