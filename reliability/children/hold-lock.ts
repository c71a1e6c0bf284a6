import BetterSqlite3 from 'better-sqlite3';
import { nextCommand, report, reportCrashes } from './child-io.js';

/**
 * Another program holding the kiosk's database: it opens the same SQLite file and takes the write
 * lock (BEGIN IMMEDIATE), reports `ready`, and keeps it until the parent writes "release".
 *
 *   node --import tsx reliability/children/hold-lock.ts <database file>
 */
const [file] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: hold-lock.ts <database file>');
reportCrashes();

const db = new BetterSqlite3(file, { fileMustExist: true });
db.exec('BEGIN IMMEDIATE');
report({ t: 'ready' });
await nextCommand();
db.exec('ROLLBACK');
db.close();
report({ t: 'end' });
