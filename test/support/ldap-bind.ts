import { InvalidCredentialsError, type Client } from 'ldapts';

/**
 * Ground truth for the directory tests: whether `password` binds as `dn` on a connection of its own
 * (closed afterwards). A wrong password is false; anything else the server says is thrown. Like any
 * bind, a wrong one counts toward the directory's lockout.
 */
export async function bindSucceeds(client: Client, dn: string, password: string): Promise<boolean> {
  try {
    await client.bind(dn, password);
    return true;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return false;
    throw error;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
