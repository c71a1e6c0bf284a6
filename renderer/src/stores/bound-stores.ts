import { createLanguageStore } from '../i18n/language-store.js';
import { createFlowStore } from './flow-store.js';
import { createKioskInfoStore } from './kiosk-info-store.js';
import { createTechnicianStore } from './technician-store.js';

/** The stores the screens use, wired to the real window.kiosk. Tests build their own with a fake API. */
export const useFlow = createFlowStore(() => window.kiosk);
export const useKioskInfo = createKioskInfoStore(() => window.kiosk);
export const useTechnician = createTechnicianStore(() => window.kiosk);
export const useLanguage = createLanguageStore(() => window.kiosk);
