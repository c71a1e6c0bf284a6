import type { AnyDb, StoreDialect } from '../dialect.js';
import { initialSchema } from './001-initial-schema.js';
import { durableAndSharedState } from './002-durable-and-shared-state.js';
import { passwordHistoryDerivations } from './003-password-history-derivations.js';
import { authenticatorApps } from './004-authenticators.js';
import { techniciansAndTickets } from './005-technicians-and-tickets.js';
import { directorySources } from './006-directory-sources.js';
import { noticeLanguage } from './007-notice-language.js';

/**
 * The schema, as an append-only list, written once for both dialects. A migration that has shipped
 * is never edited: a change is a new entry, so a kiosk that re-opens an older database applies
 * exactly the steps it has not seen.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: AnyDb, dialect: StoreDialect): Promise<void>;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: initialSchema },
  { version: 2, name: 'durable and shared state', up: durableAndSharedState },
  { version: 3, name: 'password history derivations', up: passwordHistoryDerivations },
  { version: 4, name: 'authenticator apps', up: authenticatorApps },
  { version: 5, name: 'technicians and help tickets', up: techniciansAndTickets },
  { version: 6, name: 'directory sources', up: directorySources },
  { version: 7, name: 'notice language', up: noticeLanguage },
];
