import type { KeyProtector } from '../ports.js';

/**
 * Plain Node (preview, tests, admin commands): nothing here can ask the OS keyring, so the key file's
 * 0600 mode beside the database is the protection, and seal/open leave the bytes as they are.
 */
export const fileKeyProtector: KeyProtector = {
  backend: 'file',
  refusal: null,
  seals: false,
  seal: (plain) => Buffer.from(plain),
  open: (sealed) => Buffer.from(sealed),
};
