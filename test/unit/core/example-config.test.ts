import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../electron/core/config/load-config.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

describe('config.example.yaml, the file README points deployers at', () => {
  it('is a valid configuration with the organisation policy and Entra throttle numbers', () => {
    const dir = dirs.make();
    mkdirSync(path.join(dir, 'data'));
    copyFileSync('config.example.yaml', path.join(dir, 'config.yaml'));
    const config = loadConfig(path.join(dir, 'config.yaml'));
    expect(config.demo).toBe(false);
    expect(config.store).toEqual({ kind: 'sqlite', path: path.join(dir, 'data', 'kiosk.db') });
    expect(config.codes.length).toBe(8);
    expect(config.audit.exportDir).toBe(path.join(dir, 'audit-export'));
    expect(config.policy.preset).toBe('campus');
    expect(config.throttle.failedProofs).toEqual({ limit: 5, windowMinutes: 1440, blockMinutes: 1440 });
    expect(config.mail.smtp?.auth?.passwordEnv).toBe('SSPR_SMTP_PASSWORD');
    expect(config.mail.smtp?.name).toBe('library-kiosk-1.example.ac.uk');
  });
});
