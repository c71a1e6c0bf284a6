import { afterEach } from 'vitest';
import { startTestKiosk, type TestKiosk, type TestKioskOptions } from './core-kiosk.js';
import { createTempDirs } from './temp-dirs.js';

/**
 * The test kiosks of one test file, closed and their folders removed after every test:
 * `const kiosks = useTestKiosks(); ... const t = await kiosks.start({ backend });`.
 */
export function useTestKiosks() {
  const dirs = createTempDirs();
  const started: TestKiosk[] = [];
  afterEach(async () => {
    for (const kiosk of started.splice(0)) await kiosk.kiosk.close();
    dirs.removeAll();
  });
  return {
    /** A kiosk in a new temp folder unless `dataDir` names one (a restart on the same folder). */
    async start(options: Omit<TestKioskOptions, 'dataDir'> & { dataDir?: string } = {}): Promise<TestKiosk> {
      const kiosk = await startTestKiosk({ ...options, dataDir: options.dataDir ?? dirs.make() });
      started.push(kiosk);
      return kiosk;
    },
    folder: () => dirs.make(),
  };
}
