import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { demoDatabaseFile } from '../../../electron/core/config/demo-config.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { digestOf } from '../../database-checks.js';
import { figure, type Figure, type SectionOptions } from '../../figure.js';
import { copyKiosk, startError } from './database-copies.js';
import { tryCommand } from './privileged-command.js';
import { databaseOf } from './reset-steps.js';
import { section, wordsFor } from './words.js';

/**
 * A database the kiosk cannot write. Root ignores file permissions, so as root the kiosk's folder is
 * bind-mounted read-only (which binds root too); as anyone else, the folder and files lose their
 * write permission. Where neither is possible (root without mount rights) this is skipped and said
 * so. The kiosk may refuse to start (in words) or start and refuse each step (UNAVAILABLE); never
 * INTERNAL, never a crash, and the file is left as it was.
 */
export async function notWritable(options: SectionOptions, base: string, config: KioskConfig): Promise<Figure[]> {
  const label = 'database not writable';
  const source = copyKiosk(base, path.join(path.dirname(base), 'read-only-source'));
  const file = databaseOf(source);
  let dataDir = source;
  let undo: () => void;
  if (process.getuid?.() === 0) {
    dataDir = path.join(path.dirname(base), 'read-only');
    mkdirSync(dataDir);
    const refused = tryCommand('mount', ['--bind', source, dataDir]) ?? tryCommand('mount', ['-o', 'remount,bind,ro', dataDir]);
    if (refused !== null) {
      tryCommand('umount', [dataDir]);
      return [figure(section, `${label}: skipped`, 'mount refused', null, null, `root ignores file permissions and a read-only bind mount was refused: ${refused}`)];
    }
    undo = () => {
      const stuck = tryCommand('umount', [dataDir]);
      if (stuck !== null) options.progress(`storage faults: umount ${dataDir}: ${stuck}`);
    };
  } else {
    for (const name of [demoDatabaseFile, `${demoDatabaseFile}.key`]) chmodSync(path.join(source, name), 0o400);
    chmodSync(source, 0o500);
    undo = () => chmodSync(source, 0o700);
  }
  const before = digestOf(file);
  const bad: string[] = [];
  let shown = '';
  try {
    const { error, kiosk } = await startError(dataDir);
    if (error !== null) {
      const line = `${error.name}: ${error.message}`;
      options.recorder.seen('log', line);
      shown = `start refused: ${line}`;
      if (error.name !== 'StoreOpenError' || /\n/.test(error.message) || !/read-only|cannot be read or written/.test(error.message)) bad.push(line);
    } else if (kiosk !== null) {
      const answers = [await kiosk.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }), await kiosk.call('session:startOver', {})];
      for (const answer of answers) options.recorder.seen('ipc', JSON.stringify(answer));
      const first = answers[0]!;
      shown = `started; reset:begin answers ${first.ok ? 'ok' : first.error.code}: "${first.ok ? '' : wordsFor(config).error(first.error.code)}"`;
      if (first.ok || first.error.code !== 'UNAVAILABLE') bad.push(`reset:begin ${JSON.stringify(first)}`);
      await kiosk.kiosk.close().catch((closeError: unknown) => bad.push(`close: ${String(closeError)}`));
    }
  } finally {
    undo();
  }
  const changed = digestOf(file) !== before ? 1 : 0;
  return [
    figure(section, `${label}: answers or start-up errors that were INTERNAL, unclear or a crash`, bad.length, '0', bad.length === 0, shown),
    figure(section, `${label}: files changed`, changed, '0', changed === 0),
  ];
}
