import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Prints which Chromium the browser tests use (tools/browser/pick-browser.ts), once per run.
    globalSetup: ['test/support/browser-global-setup.ts'],
    // argon2 and browser tests are slow on a shared 2-core machine; time limits are for hangs only.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
