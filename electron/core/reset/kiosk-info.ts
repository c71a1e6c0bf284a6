import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { ProofMethod } from '../../../shared/flow/stages.js';
import type { KioskInfo } from '../../../shared/ipc/contract.js';
import { effectivePolicy } from '../config/effective-policy.js';

const mimeTypes: Record<string, string> = {
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/** Read once at start-up: the renderer cannot read files, and the CSP allows data: images only. */
export function readLogoDataUrl(logoPath: string | undefined): string | null {
  if (logoPath === undefined) return null;
  const mime = mimeTypes[path.extname(logoPath).toLowerCase()];
  if (mime === undefined) throw new Error(`Unsupported logo type: ${path.extname(logoPath)}`);
  return `data:${mime};base64,${readFileSync(logoPath).toString('base64')}`;
}

export function buildKioskInfo(config: KioskConfig, offered: { proofMethods: ProofMethod[]; registrationAvailable: boolean }): KioskInfo {
  const { proofMethods, registrationAvailable } = offered;
  const { branding, kiosk } = config;
  return {
    organisationName: branding.organisationName,
    departmentName: branding.departmentName,
    usernameExample: branding.usernameExample ?? null,
    colours: { ...branding.colours },
    logoDataUrl: readLogoDataUrl(branding.logoPath),
    serviceDesk: { ...branding.serviceDesk },
    demo: config.demo,
    kioskId: kiosk.id,
    policy: effectivePolicy(config),
    idleSeconds: kiosk.idleSeconds,
    proofMethods,
    registration: {
      available: registrationAvailable,
      requiredMethods: config.registration.requiredMethods,
      requiredProofs: config.reset.requiredProofs,
    },
    technician: { idleSeconds: config.technician.idleSeconds, ticketMinutes: config.technician.ticketMinutes, quitByPin: kiosk.adminPinHash !== undefined },
    languages: { offered: [...config.languages.offered], default: config.languages.default },
    onScreenKeyboard: kiosk.onScreenKeyboard,
  };
}
