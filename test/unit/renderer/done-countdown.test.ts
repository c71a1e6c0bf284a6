import { describe, expect, it } from 'vitest';
import { extendCountdown, secondsLeft, startCountdown } from '../../../renderer/src/done-countdown.js';

describe('the Done screen countdown', () => {
  it('counts down to a deadline in whole seconds, rounded up, and stops at 0', () => {
    const countdown = startCountdown(1_000, 10);
    expect(secondsLeft(countdown, 1_000)).toBe(10);
    expect(secondsLeft(countdown, 1_001)).toBe(10);
    expect(secondsLeft(countdown, 9_500)).toBe(2);
    expect(secondsLeft(countdown, 10_999)).toBe(1);
    expect(secondsLeft(countdown, 11_000)).toBe(0);
    expect(secondsLeft(countdown, 60_000)).toBe(0);
  });

  it('goes back to the full time on a touch, counted from the touch', () => {
    const started = startCountdown(0, 10);
    const touched = extendCountdown(started, 8_000, 10);
    expect(secondsLeft(touched, 8_000)).toBe(10);
    expect(secondsLeft(touched, 17_999)).toBe(1);
    expect(secondsLeft(touched, 18_000)).toBe(0);
  });

  it('never gives more than the full time, however many touches come at once', () => {
    let countdown = startCountdown(0, 10);
    for (let touch = 0; touch < 50; touch += 1) countdown = extendCountdown(countdown, 2_000, 10);
    expect(secondsLeft(countdown, 2_000)).toBe(10);
    expect(countdown.deadline).toBe(12_000);
  });

  it('does not shorten the time left when a touch comes with a late clock reading', () => {
    const countdown = startCountdown(5_000, 10);
    expect(extendCountdown(countdown, 4_000, 10).deadline).toBe(15_000);
  });
});
