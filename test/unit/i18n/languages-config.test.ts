import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../shared/config/config-schema.js';

const minimal = {
  branding: { organisationName: 'Example College', serviceDesk: { name: 'Help Desk' } },
  store: { kind: 'sqlite', path: 'data/kiosk.db' },
  mail: { from: 'IT <it@college.example>', smtp: { host: 'smtp.college.example' } },
};

describe('config languages', () => {
  it('offers every language, starting in English, by default', () => {
    expect(configSchema.parse(minimal).languages).toEqual({ offered: ['en', 'fr', 'es', 'ar'], default: 'en' });
  });

  it('starts in the first language offered when no default is given', () => {
    expect(configSchema.parse({ ...minimal, languages: { offered: ['fr', 'en'] } }).languages).toEqual({ offered: ['fr', 'en'], default: 'fr' });
  });

  it('refuses a default that is not offered, a language twice, and a language the kiosk does not have', () => {
    const refused = configSchema.safeParse({ ...minimal, languages: { offered: ['en', 'fr'], default: 'ar' } });
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).toContain('languages.default must be one of languages.offered');
    expect(configSchema.safeParse({ ...minimal, languages: { offered: ['en', 'en'] } }).success).toBe(false);
    expect(configSchema.safeParse({ ...minimal, languages: { offered: ['de'] } }).success).toBe(false);
    expect(configSchema.safeParse({ ...minimal, languages: { offered: [] } }).success).toBe(false);
  });
});
