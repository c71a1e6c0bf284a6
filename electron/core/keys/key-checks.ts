import type { Clock } from '../ports.js';
import { keyCheckRows } from '../store/key-check-rows.js';
import type { Store } from '../store/store.js';
import { DeploymentKeyError } from './deployment-key-error.js';
import { keyCheckValues, type DerivedKeys } from './derived-keys.js';

/** Records the key fingerprints on first start; refuses a kiosk whose key differs from the database's. */
export async function checkDeploymentKey(store: Store, keys: DerivedKeys, clock: Clock): Promise<void> {
  const expected = keyCheckValues(keys);
  await store.run(async (tx) => {
    const stored = await keyCheckRows.all(tx);
    for (const [purpose, value] of expected) {
      const known = stored.get(purpose);
      if (known === undefined) await keyCheckRows.add(tx, purpose, value, clock.now().toISOString());
      else if (known !== value) {
        throw new DeploymentKeyError(
          'this kiosk\'s deployment key is not the one this database was set up with; every kiosk sharing a database needs the same key (secrets.keyFile or secrets.keyEnv)',
        );
      }
    }
  });
}
