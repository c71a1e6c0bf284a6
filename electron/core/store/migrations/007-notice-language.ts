import type { AnyDb } from '../dialect.js';

/**
 * A queued notice is written in the language of the session that caused it, whenever it is sent:
 * after retries, after a restart, by another kiosk. The language is kept beside the payload; a row
 * queued before this step has none and is sent in the kiosk's default language.
 */
export async function noticeLanguage(db: AnyDb): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('language', 'text').execute();
}
