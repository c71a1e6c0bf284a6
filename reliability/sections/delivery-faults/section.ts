import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { figure, type Figure, type SectionOptions } from '../../figure.js';
import { faultFigures } from './fault-figures.js';
import { section, type Fault } from './fault.js';
import { gatewayFaults } from './gateway-faults.js';
import { smtpFaults } from './smtp-faults.js';

const faults: Fault[] = [...smtpFaults, ...gatewayFaults];

export async function deliveryFaultsSection(options: SectionOptions): Promise<Figure[]> {
  const started = Date.now();
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-faults-'));
  const figures: Figure[] = [];
  let backgroundFailures = 0;
  try {
    for (const fault of faults) {
      options.progress(`delivery faults: ${fault.name}...`);
      const result = await faultFigures(fault, options, folder);
      figures.push(...result.figures);
      backgroundFailures += result.backgroundFailures;
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  figures.push(
    figure(section, 'background delivery tasks that failed outside their own handling', backgroundFailures, '0', backgroundFailures === 0),
    figure(section, 'wall time', `${Math.round((Date.now() - started) / 100) / 10} s`, null, null),
  );
  return figures;
}
