import { afterAll, beforeAll, describe } from 'vitest';
import { filePostgres, stopFilePostgres } from './file-postgres.js';

/** Where a test kiosk or store keeps its state: the embedded SQLite file, or a shared PostgreSQL database. */
export type Backend = 'sqlite' | 'postgres';

export const backends: readonly Backend[] = ['sqlite', 'postgres'];

let cleanupRegistered = false;

/**
 * Runs the same tests once per back end: `describeEachBackend('the reset journey', (backend) => {
 * it(..., () => startTestKiosk({ dataDir, backend })) })`. The PostgreSQL runs share one throwaway
 * cluster per test file (about a second to start), each kiosk or store on a fresh database of it;
 * the cluster is stopped after the file's last test. Call it at the top level of the file.
 */
export function describeEachBackend(name: string, body: (backend: Backend) => void): void {
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    afterAll(() => stopFilePostgres());
  }
  for (const backend of backends) {
    describe(`${name} [${backend}]`, () => {
      // Started here rather than inside the first test, whose time limit it would otherwise eat.
      if (backend === 'postgres') beforeAll(async () => void (await filePostgres()));
      body(backend);
    });
  }
}
