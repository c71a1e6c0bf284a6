import { afterEach, expect, it, describe } from 'vitest';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

describe('the walk-up session language', () => {
  it('is chosen for one session and back to the default when it ends', async () => {
    t = await startTestKiosk({ dataDir: dirs.make() });
    expect(valueOf(await t.call('kiosk:info', {})).languages).toEqual({ offered: ['en', 'fr', 'es', 'ar'], default: 'en' });
    expect(t.kiosk.journeys.session.language()).toBe('en');
    expect(valueOf(await t.call('session:setLanguage', { language: 'ar' }))).toEqual({ language: 'ar' });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'alex.morgan' }));
    expect(t.kiosk.journeys.session.language()).toBe('ar');
    valueOf(await t.call('session:startOver', {}));
    expect(t.kiosk.journeys.session.language()).toBe('en');
  });

  it('goes back to the default when the start screen is wiped before any journey began', async () => {
    t = await startTestKiosk({ dataDir: dirs.make() });
    valueOf(await t.call('session:setLanguage', { language: 'fr' }));
    valueOf(await t.call('session:startOver', {}));
    expect(t.kiosk.journeys.session.language()).toBe('en');
  });

  it('refuses a language the kiosk does not offer, or does not know, and keeps the one it had', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), configure: (config) => ({ ...config, languages: { offered: ['en', 'fr'], default: 'fr' } }) });
    expect(t.kiosk.journeys.session.language()).toBe('fr');
    expect(await t.call('session:setLanguage', { language: 'ar' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await t.callRaw('session:setLanguage', { language: 'de' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await t.callRaw('session:setLanguage', { language: 'en', extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(t.kiosk.journeys.session.language()).toBe('fr');
  });
});
