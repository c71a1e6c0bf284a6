/**
 * Work the person must not wait for (sending mail), tracked so shutdown and tests can wait for it to
 * finish. A task's own failure handling lives inside the task; anything that still escapes is logged.
 */
export function createBackgroundTasks(log: (line: string) => void) {
  const running = new Set<Promise<void>>();
  return {
    start(name: string, task: () => Promise<void>): void {
      // setImmediate, not a microtask: the task's first synchronous part (rendering, handing the
      // message to the transport) must run after the response has gone, or it would show in its timing.
      const promise = new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .catch((error: unknown) => log(`background task ${name} failed: ${describeError(error)}`))
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** Error class and message only: never the data that was being processed. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
}
