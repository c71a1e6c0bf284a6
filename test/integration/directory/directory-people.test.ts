import { afterEach, expect, it } from 'vitest';
import { createDirectoryPeople, shadowPasswordMarker, type DirectoryPerson } from '../../../electron/core/directory/directory-people.js';
import type { Store } from '../../../electron/core/store/store.js';
import { describeEachBackend } from '../../support/backends.js';
import { insertTestAccount, openTestStore } from '../../support/core-store.js';
import { rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  dirs.removeAll();
});

const iris: DirectoryPerson = { username: 'Iris.Lund', firstName: 'Iris', lastName: 'Lund', disabled: false, locked: false, email: 'iris@home.example', mobile: '07400 123456' };

describeEachBackend('the kiosk\'s shadow of directory people', (backend) => {
  async function setUp() {
    const store = await openTestStore(dirs.make(), backend);
    stores.push(store);
    const log: string[] = [];
    const people = createDirectoryPeople(store, createTestClock(), { blockedEmailDomains: ['example.ac.uk'], defaultRegion: 'GB', log: (line) => log.push(line) });
    const contacts = async () =>
      (await rowsOf<{ kind: string; value: string; verified_at: string; source: string }>(store, 'contact_methods')).map(({ kind, value, verified_at, source }) => ({ kind, value, verified_at, source }));
    return { store, people, log, contacts };
  }

  it('gives a person one local id, however often and in whatever case they are met, with the directory\'s contacts as methods', async () => {
    const { store, people, contacts } = await setUp();
    const first = await people.link(iris);
    const again = await people.link({ ...iris, username: 'iris.lund' });
    expect(again.id).toBe(first.id);
    expect(first).toEqual({ id: first.id, username: 'Iris.Lund', firstName: 'Iris', lastName: 'Lund', status: 'active', locked: false });
    expect(await people.usernameOf(first.id)).toBe('iris.lund');
    const [account] = await rowsOf<{ password_hash: string; source: string }>(store, 'accounts');
    expect(account).toMatchObject({ password_hash: shadowPasswordMarker, source: 'directory' });
    // Verified "by the organisation", dated at the epoch so a cooling-off period never holds them.
    expect(await contacts()).toEqual([
      { kind: 'email', value: 'iris@home.example', verified_at: '1970-01-01T00:00:00.000Z', source: 'directory' },
      { kind: 'phone', value: '+447400123456', verified_at: '1970-01-01T00:00:00.000Z', source: 'directory' },
    ]);
  });

  it('follows the directory: a changed address replaces the old one, a removed one goes, the kiosk\'s own stay', async () => {
    const { store, people, contacts } = await setUp();
    const { id } = await people.link(iris);
    await store.run((tx) => tx.insertInto('contact_methods').values({ account_id: id, kind: 'email', value: 'iris.own@elsewhere.example', verified_at: '2026-01-01T00:00:00.000Z' }).execute());
    await people.link({ ...iris, email: 'iris.new@home.example', mobile: null, disabled: true, locked: true, lastName: 'Lund-Berg' });
    expect(await contacts()).toEqual([
      { kind: 'email', value: 'iris.own@elsewhere.example', verified_at: '2026-01-01T00:00:00.000Z', source: 'kiosk' },
      { kind: 'email', value: 'iris.new@home.example', verified_at: '1970-01-01T00:00:00.000Z', source: 'directory' },
    ]);
    expect(await rowsOf(store, 'accounts')).toMatchObject([{ last_name: 'Lund-Berg', status: 'disabled', locked: 1 }]);
  });

  it('does not use an address at the organisation\'s own domains or a number it cannot text, and says so without the value', async () => {
    const { people, log, contacts } = await setUp();
    await people.link({ ...iris, email: 'iris.lund@staff.example.ac.uk', mobile: '020 7946 0000' });
    expect(await contacts()).toEqual([]);
    expect(log.join('\n')).toMatch(/EMAIL_DOMAIN_BLOCKED/);
    expect(log.join('\n')).toMatch(/not_mobile|invalid/);
    expect(log.join('\n')).not.toMatch(/iris|7946/);
  });

  it('turns an embedded account of the same name into the shadow: its old password means nothing once the directory decides', async () => {
    const { store, people } = await setUp();
    const id = await insertTestAccount(store, 'iris.lund');
    expect((await people.link(iris)).id).toBe(id);
    expect(await rowsOf(store, 'accounts')).toMatchObject([{ id, password_hash: shadowPasswordMarker, source: 'directory' }]);
  });
});
