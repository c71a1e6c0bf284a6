import { describe, expect, it } from 'vitest';
import { idlePhase, idleWarningSeconds } from '../../../renderer/src/idle-phase.js';

describe('idlePhase', () => {
  it('stays quiet until the last 20 seconds', () => {
    expect(idleWarningSeconds).toBe(20);
    expect(idlePhase(0, 120)).toEqual({ kind: 'active' });
    expect(idlePhase(99_999, 120)).toEqual({ kind: 'active' });
  });

  it('counts the final 20 seconds down in whole seconds, rounded up', () => {
    expect(idlePhase(100_000, 120)).toEqual({ kind: 'warning', secondsLeft: 20 });
    expect(idlePhase(100_001, 120)).toEqual({ kind: 'warning', secondsLeft: 20 });
    expect(idlePhase(118_500, 120)).toEqual({ kind: 'warning', secondsLeft: 2 });
    expect(idlePhase(119_999, 120)).toEqual({ kind: 'warning', secondsLeft: 1 });
  });

  it('expires once the idle time is used up', () => {
    expect(idlePhase(120_000, 120)).toEqual({ kind: 'expired' });
    expect(idlePhase(500_000, 120)).toEqual({ kind: 'expired' });
  });

  it('warns for the whole time when the idle limit is shorter than the warning', () => {
    expect(idlePhase(0, 15)).toEqual({ kind: 'warning', secondsLeft: 15 });
  });
});
