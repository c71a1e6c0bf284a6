import { describe, expect, it } from 'vitest';
import type { KioskInfo } from '../../../shared/ipc/contract.js';
import { createKioskApi, type Invoke } from '../../../shared/ipc/kiosk-api.js';
import { presets } from '../../../shared/policy/policy-config.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import { createKioskInfoStore } from '../../../renderer/src/stores/kiosk-info-store.js';

const info: KioskInfo = {
  organisationName: 'Northfield University',
  departmentName: 'IT Services',
  usernameExample: null,
  colours: { primary: '#1d3f73', accent: '#0b7a4b', background: '#f6f7f9', text: '#111827' },
  logoDataUrl: null,
  serviceDesk: { name: 'Service Desk', location: 'Library', phone: '01632 960 321', email: 'desk@example.org', hours: '9-5' },
  demo: true,
  kioskId: 'kiosk-1',
  policy: presets.campus,
  idleSeconds: 120,
  proofMethods: ['email'],
  registration: { available: false, requiredMethods: 1, requiredProofs: 1 },
  technician: { idleSeconds: 180, ticketMinutes: 240, quitByPin: false },
  languages: { offered: ['en', 'fr', 'es', 'ar'], default: 'en' },
  onScreenKeyboard: 'off',
};

const answering = (answer: () => Promise<unknown>) => createKioskApi((() => answer()) as Invoke);

describe('kiosk info store', () => {
  it('holds what kiosk:info answered', async () => {
    const useKioskInfo = createKioskInfoStore(() => answering(async () => ok(info)));
    await useKioskInfo.getState().load();
    expect(useKioskInfo.getState()).toMatchObject({ info, error: null });
  });

  it('holds the refusal when kiosk:info says no, and no info', async () => {
    const useKioskInfo = createKioskInfoStore(() => answering(async () => fail('FORBIDDEN')));
    await useKioskInfo.getState().load();
    expect(useKioskInfo.getState()).toMatchObject({ info: null, error: { code: 'FORBIDDEN' } });
  });

  it('turns a broken transport into INTERNAL', async () => {
    const useKioskInfo = createKioskInfoStore(() => answering(() => Promise.reject(new Error('gone'))));
    await useKioskInfo.getState().load();
    expect(useKioskInfo.getState()).toMatchObject({ info: null, error: { code: 'INTERNAL' } });
  });

  it('reset() restores the initial state', async () => {
    const useKioskInfo = createKioskInfoStore(() => answering(async () => ok(info)));
    await useKioskInfo.getState().load();
    useKioskInfo.getState().reset();
    expect(useKioskInfo.getState()).toMatchObject({ info: null, error: null });
  });
});
