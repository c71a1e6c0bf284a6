/**
 * Runs the clean-up steps of a quit exactly once, newest first (IPC handlers, then the kiosk's
 * database and mail pool, then the demo folder), even when quit is asked for several times or a
 * step fails: one failing step must not keep the database from being closed. A step added after
 * the quit began (start-up still running) is run straight away.
 */
export type ShutdownStep = { name: string; run: () => Promise<void> | void };

export interface Shutdown {
  add(step: ShutdownStep): void;
  /** Resolves when every step has run; later calls return the same promise. */
  run(): Promise<void>;
  readonly started: boolean;
  /** True once every step has run (failed steps included). */
  readonly finished: boolean;
}

export function createShutdown(onStepFailed: (name: string, error: unknown) => void): Shutdown {
  const steps: ShutdownStep[] = [];
  let running: Promise<void> | null = null;
  let finished = false;
  return {
    add(step) {
      if (running === null) {
        steps.push(step);
        return;
      }
      // Something finished starting while the kiosk was already quitting: clean it up at once.
      void (async () => step.run())().catch((error: unknown) => onStepFailed(step.name, error));
    },
    run() {
      running ??= (async () => {
        for (const step of steps.splice(0).reverse()) {
          try {
            await step.run();
          } catch (error) {
            onStepFailed(step.name, error);
          }
        }
        finished = true;
      })();
      return running;
    },
    get started() {
      return running !== null;
    },
    get finished() {
      return finished;
    },
  };
}
