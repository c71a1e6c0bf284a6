import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { demoDatabaseFile } from '../../../electron/core/config/demo-config.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { startTestKiosk } from '../../../test/support/core-kiosk.js';
import { createRecordingEmailSender } from '../../../test/support/recording-email.js';
import type { SectionOptions } from '../../figure.js';
import { startKioskUnderTest } from '../../kiosk-under-test.js';
import { resetByEmail } from './reset-steps.js';

/** A real kiosk database with a completed reset in it, closed cleanly (everything in the main file). */
export async function realDatabase(options: SectionOptions, dataDir: string): Promise<KioskConfig> {
  const mail = createRecordingEmailSender();
  const k = await startKioskUnderTest({ dataDir, recorder: options.recorder, email: mail.sender, persistent: true });
  try {
    await resetByEmail(k, mail, options.recorder, 'amira.khan', 700_000);
    return k.t.kiosk.config;
  } finally {
    await k.finish();
  }
}

export function copyKiosk(from: string, to: string): string {
  mkdirSync(to, { recursive: true });
  for (const name of [demoDatabaseFile, `${demoDatabaseFile}.key`]) copyFileSync(path.join(from, name), path.join(to, name));
  chmodSync(path.join(to, `${demoDatabaseFile}.key`), 0o600);
  return to;
}

/** Starts a kiosk on `dataDir` the way the shell does; the error it fails with, or null when it started. */
export async function startError(dataDir: string): Promise<{ error: Error | null; kiosk: Awaited<ReturnType<typeof startTestKiosk>> | null }> {
  try {
    const t = await startTestKiosk({ dataDir, persistent: true, email: createRecordingEmailSender().sender });
    return { error: null, kiosk: t };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)), kiosk: null };
  }
}
