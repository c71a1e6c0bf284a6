/**
 * Runs session steps one after another. Steps await argon2 and the like; without this, a double tap
 * could run two steps against the same stage and both would pass the stage check.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(step: () => T | Promise<T>): Promise<T> {
      const result = tail.then(step);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
