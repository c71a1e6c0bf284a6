import { describe, expect, it } from 'vitest';
import { createShutdown } from '../../../electron/shutdown.js';

describe('quitting the kiosk', () => {
  it('runs the clean-up steps newest first', async () => {
    const order: string[] = [];
    const shutdown = createShutdown(() => undefined);
    shutdown.add({ name: 'remove demo folder', run: () => void order.push('demo folder') });
    shutdown.add({ name: 'close kiosk', run: async () => void order.push('kiosk') });
    shutdown.add({ name: 'remove IPC handlers', run: () => void order.push('ipc') });

    await shutdown.run();

    expect(order).toEqual(['ipc', 'kiosk', 'demo folder']);
    expect(shutdown.finished).toBe(true);
  });

  it('runs each step once however often quit is asked for', async () => {
    let closes = 0;
    const shutdown = createShutdown(() => undefined);
    shutdown.add({ name: 'close kiosk', run: async () => void (closes += 1) });

    const first = shutdown.run();
    const second = shutdown.run();
    expect(second).toBe(first);
    expect(shutdown.started).toBe(true);
    expect(shutdown.finished).toBe(false);
    await Promise.all([first, second, shutdown.run()]);

    expect(closes).toBe(1);
  });

  it('still closes the kiosk when an earlier step fails, and reports the failure', async () => {
    const failures: Array<[string, unknown]> = [];
    const order: string[] = [];
    const shutdown = createShutdown((name, error) => failures.push([name, error]));
    const broken = new Error('handler already removed');
    shutdown.add({ name: 'close kiosk', run: async () => void order.push('kiosk') });
    shutdown.add({
      name: 'remove IPC handlers',
      run: () => {
        throw broken;
      },
    });

    await shutdown.run();

    expect(order).toEqual(['kiosk']);
    expect(failures).toEqual([['remove IPC handlers', broken]]);
    expect(shutdown.finished).toBe(true);
  });

  it('cleans up straight away what finished starting after the quit began', async () => {
    const order: string[] = [];
    const shutdown = createShutdown(() => undefined);
    await shutdown.run();
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));
    shutdown.add({ name: 'close kiosk', run: async () => (order.push('late kiosk'), closed()) });
    await done;
    expect(order).toEqual(['late kiosk']);
  });

  it('reports a late step that fails', async () => {
    const failures: string[] = [];
    const shutdown = createShutdown((name) => failures.push(name));
    await shutdown.run();
    shutdown.add({ name: 'close kiosk', run: () => Promise.reject(new Error('busy')) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failures).toEqual(['close kiosk']);
  });
});
