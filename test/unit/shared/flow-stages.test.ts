import { describe, expect, it } from 'vitest';
import { canMove, nextStages, type Stage } from '../../../shared/flow/stages.js';

const stages = Object.keys(nextStages) as Stage[];

describe('the walk-up journey moves only forward, one stage at a time', () => {
  it('follows identify -> choose_method -> code_sent -> new_password -> done', () => {
    expect(canMove('identify', 'choose_method')).toBe(true);
    expect(canMove('choose_method', 'code_sent')).toBe(true);
    expect(canMove('code_sent', 'new_password')).toBe(true);
    expect(canMove('new_password', 'done')).toBe(true);
  });

  it('lets a new code be sent without leaving the code stage', () => {
    expect(canMove('code_sent', 'code_sent')).toBe(true);
  });

  it('refuses every skip and every step back except to the start', () => {
    expect(canMove('identify', 'new_password')).toBe(false);
    expect(canMove('choose_method', 'new_password')).toBe(false);
    expect(canMove('identify', 'done')).toBe(false);
    expect(canMove('done', 'new_password')).toBe(false);
    expect(canMove('new_password', 'code_sent')).toBe(false);
    expect(canMove('new_password', 'new_password')).toBe(false);
  });

  it('always allows "Start over" (and the time limit) to return to the start', () => {
    for (const stage of stages) expect(canMove(stage, 'identify')).toBe(true);
  });
});
