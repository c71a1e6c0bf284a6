import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable, type Writable } from 'node:stream';
import type { CommandIo } from '../../tools/admin/technician-commands.js';
import type { Backend } from './backends.js';
import { startTestKiosk, type TestKiosk } from './core-kiosk.js';
import { createRecordingEmailSender } from './recording-email.js';

/** What a command printed: stdout and stderr as text. */
export interface Printed {
  code: number;
  printed: string;
  errors: string;
}

/** A Writable whose text is kept; `isTTY` makes it look like a terminal to the progress bar. */
export function textSink(isTTY = false): { stream: Writable; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  if (isTTY) Object.assign(stream, { isTTY: true });
  return { stream, text: () => text };
}

/** Runs an admin command function in-process, as tools/admin.ts would, with `stdin` as its input. */
export async function runCommand<Io extends CommandIo & { errors: Writable }>(
  command: (args: readonly string[], io: Io) => Promise<number>,
  args: readonly string[],
  io: Omit<Io, 'input' | 'output' | 'errors'> & Partial<Pick<Io, 'errors'>>,
  stdin = '',
): Promise<Printed> {
  const output = textSink();
  const errors = textSink();
  const code = await command(args, { errors: errors.stream, ...io, input: Readable.from([stdin]), output: output.stream } as unknown as Io);
  return { code, printed: output.text(), errors: errors.text() };
}

/**
 * A real (non-demo) kiosk with the demo people, restartable on the same database, and its
 * configuration written where the admin commands read it (as admin-technician.test.ts does).
 */
export async function adminDeployment(dataDir: string, backend: Backend, configure: (config: Record<string, unknown>) => Record<string, unknown> = (config) => config) {
  const mail = createRecordingEmailSender();
  let current: TestKiosk | undefined;
  const start = async () => {
    await current?.kiosk.close();
    current = await startTestKiosk({ dataDir, backend, persistent: true, email: mail.sender, ...(current === undefined ? {} : { clock: current.clock }) });
    return current;
  };
  const kiosk = await start();
  const configFile = path.join(dataDir, 'kiosk.json');
  const config = { ...kiosk.kiosk.config, sms: { provider: 'none' }, mail: { from: kiosk.kiosk.config.mail.from, smtp: { host: 'smtp.invalid' } } };
  writeFileSync(configFile, JSON.stringify(configure(config)));
  return {
    kiosk,
    mail,
    configFile,
    /** Restarts the kiosk on the same database (e.g. after a command changed it). */
    restart: start,
    current: () => current!,
    close: () => current?.kiosk.close(),
  };
}
