import type { Writable } from 'node:stream';

export interface Progress {
  /** `done` of `total` (bytes read, passwords hashed...); `count` is what the line names, e.g. rows so far. */
  update(done: number, count: number): void;
  finish(count: number): void;
}

const barWidth = 30;

/**
 * A progress bar on a terminal (redrawn in place, at most every 100 ms), plain lines at every tenth
 * of the way otherwise, so a log file or CI output gets a few readable lines rather than a thousand
 * carriage returns. Written to stderr by the commands: stdout stays for results.
 */
export function createProgress(stream: Writable, label: string, total: number, unit: string, now: () => number = Date.now): Progress {
  const tty = (stream as Partial<NodeJS.WriteStream>).isTTY === true;
  let lastDraw = 0;
  let lastTenth = 0;
  const fraction = (done: number) => (total <= 0 ? 1 : Math.min(1, done / total));
  const draw = (done: number, count: number) => {
    const part = fraction(done);
    const filled = Math.round(part * barWidth);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${Math.floor(part * 100)}% ${count} ${unit}`);
  };
  return {
    update(done, count) {
      if (tty) {
        const at = now();
        if (at - lastDraw < 100) return;
        lastDraw = at;
        draw(done, count);
        return;
      }
      const tenth = Math.floor(fraction(done) * 10);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        stream.write(`${label}: ${tenth * 10}% (${count} ${unit})\n`);
      }
    },
    finish(count) {
      if (tty) {
        draw(total, count);
        stream.write('\n');
      } else stream.write(`${label}: 100% (${count} ${unit})\n`);
    },
  };
}
