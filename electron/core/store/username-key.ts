/**
 * How a username is matched: NFC so a precomposed and a decomposed "é" are one name, lower case so
 * "Amira.Khan" finds amira.khan. Done here rather than by the database's collation, which folds only
 * ASCII in SQLite and follows the server's locale in PostgreSQL.
 */
export function usernameKeyOf(username: string): string {
  return username.normalize('NFC').toLowerCase();
}
