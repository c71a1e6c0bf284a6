/**
 * The demo's technician, seeded with the demo people (demo mode only). README prints all three
 * factors so a presenter can try technician mode: add the secret to any authenticator app (or use
 * the otpauth URI). A real deployment creates technicians with `admin technician add`, whose
 * secrets are random and shown once.
 */
export const demoTechnician = {
  username: 'desk.demo',
  displayName: 'Sam Okoye (demo technician)',
  /** Follows the campus policy like the demo people's passwords. */
  password: 'Helpdesk4Demo7Kq',
  /** Base32 (RFC 4648, no padding), 20 bytes: for the demo only, never for a real technician. */
  totpSecret: 'GCBLFHCG5OZVVAFWWKFNWP64LVSJIONQ',
} as const;
