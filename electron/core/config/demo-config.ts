import path from 'node:path';
import { configSchema, type KioskConfig } from '../../../shared/config/config-schema.js';

/** Name of the demo database inside the demo data folder; the demo seeds it afresh on every start. */
export const demoDatabaseFile = 'sspr-kiosk-demo.db';

/**
 * A complete configuration for the offline demo: a fictional organisation (".example" addresses and
 * a 01632 drama-range phone number, so nothing in it can reach a real person), messages shown in the
 * kiosk instead of being sent.
 */
export function createDemoConfig(dataDir: string): KioskConfig {
  return configSchema.parse({
    demo: true,
    kiosk: { id: 'demo-kiosk-1', location: 'Library, ground floor', sessionMinutes: 15, idleSeconds: 120, doneReturnSeconds: 10 },
    branding: {
      organisationName: 'Northfield University',
      departmentName: 'IT Services',
      // The demo accounts' own shape (amira.khan); not one of them, so the hint does not hand out a name.
      usernameExample: 'sam.taylor',
      colours: { primary: '#1f4e79', accent: '#0f7b5f', background: '#f4f6f8', text: '#14202b' },
      serviceDesk: {
        name: 'IT Service Desk',
        location: 'Library, ground floor, room G.14',
        phone: '01632 960 321',
        email: 'servicedesk@northfield.example',
        hours: 'Monday to Friday, 08:30 to 18:00',
      },
    },
    store: { kind: 'sqlite', path: path.join(dataDir, demoDatabaseFile) },
    audit: { retentionDays: 365, exportDir: path.join(dataDir, 'audit-export') },
    mail: { from: 'IT Services <it-services@northfield.example>' },
    sms: { provider: 'demo' },
  });
}
