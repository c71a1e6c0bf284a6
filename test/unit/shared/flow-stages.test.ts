import { describe, expect, it } from 'vitest';
import { canMove, journeyStages, type Purpose, type Stage } from '../../../shared/flow/stages.js';

const purposes = Object.keys(journeyStages) as Purpose[];
const allStages: Stage[] = ['identify', 'choose_method', 'code_sent', 'new_password', 'done'];

describe('each walk-up journey moves only forward along its own stages', () => {
  it('reset: identify -> choose_method -> code_sent -> new_password -> done', () => {
    expect(canMove('reset', 'identify', 'choose_method')).toBe(true);
    expect(canMove('reset', 'choose_method', 'code_sent')).toBe(true);
    expect(canMove('reset', 'code_sent', 'new_password')).toBe(true);
    expect(canMove('reset', 'new_password', 'done')).toBe(true);
  });

  it('unlock: identify -> choose_method -> code_sent -> done, and never to a new password', () => {
    expect(canMove('unlock', 'identify', 'choose_method')).toBe(true);
    expect(canMove('unlock', 'choose_method', 'code_sent')).toBe(true);
    expect(canMove('unlock', 'code_sent', 'done')).toBe(true);
    for (const from of allStages) expect(canMove('unlock', from, 'new_password')).toBe(false);
  });

  it('change: identify -> new_password -> done, and never through a code', () => {
    expect(canMove('change', 'identify', 'new_password')).toBe(true);
    expect(canMove('change', 'new_password', 'done')).toBe(true);
    for (const from of allStages) {
      expect(canMove('change', from, 'choose_method')).toBe(false);
      expect(canMove('change', from, 'code_sent')).toBe(false);
    }
  });

  it('cannot jump into another journey\u2019s stages', () => {
    expect(canMove('reset', 'code_sent', 'done')).toBe(false);
    expect(canMove('unlock', 'code_sent', 'new_password')).toBe(false);
    expect(canMove('change', 'identify', 'choose_method')).toBe(false);
    expect(canMove('unlock', 'identify', 'done')).toBe(false);
    expect(canMove('change', 'identify', 'ticket')).toBe(false);
  });

  it('starts a reset at the new password only as an assisted reset (a technician recorded an ID check)', () => {
    // The table allows it; only the technician's assist step sets it (see technician-cases.ts).
    expect(canMove('reset', 'identify', 'new_password')).toBe(true);
    expect(canMove('unlock', 'identify', 'new_password')).toBe(false);
  });

  it('goes from the name straight to the code when one method is offered, and to the end state when the name is blocked', () => {
    for (const purpose of ['reset', 'unlock'] as const) {
      expect(canMove(purpose, 'identify', 'code_sent')).toBe(true);
      expect(canMove(purpose, 'identify', 'blocked')).toBe(true);
      expect(canMove(purpose, 'code_sent', 'blocked')).toBe(true);
    }
    expect(canMove('change', 'identify', 'blocked')).toBe(false);
  });

  it('ends a registration in the blocked stage from the steps that take or ask for a code, and goes nowhere from it', () => {
    for (const from of ['methods', 'method_code', 'app_setup'] as const) expect(canMove('register', from, 'blocked')).toBe(true);
    expect(canMove('register', 'method_review', 'blocked')).toBe(false);
    for (const to of ['methods', 'method_code', 'app_setup', 'method_review', 'ticket'] as const) expect(canMove('register', 'blocked', to)).toBe(false);
    expect(canMove('register', 'blocked', 'identify')).toBe(true);
  });

  it('offers a help ticket only from the steps where a code is awaited', () => {
    for (const purpose of ['reset', 'unlock'] as const) {
      expect(canMove(purpose, 'choose_method', 'ticket')).toBe(true);
      expect(canMove(purpose, 'code_sent', 'ticket')).toBe(true);
      expect(canMove(purpose, 'ticket', 'code_sent')).toBe(false);
      expect(canMove(purpose, 'ticket', 'identify')).toBe(true);
    }
    expect(canMove('register', 'methods', 'ticket')).toBe(false);
  });

  it('lets a new code be sent without leaving the code stage, in the journeys that use codes', () => {
    expect(canMove('reset', 'code_sent', 'code_sent')).toBe(true);
    expect(canMove('unlock', 'code_sent', 'code_sent')).toBe(true);
  });

  it('refuses every skip and every step back except to the start', () => {
    for (const purpose of purposes) {
      expect(canMove(purpose, 'identify', 'done')).toBe(false);
      expect(canMove(purpose, 'done', 'new_password')).toBe(false);
      expect(canMove(purpose, 'new_password', 'code_sent')).toBe(false);
      expect(canMove(purpose, 'new_password', 'new_password')).toBe(false);
    }
  });

  it('always allows "Start over" (and the time limits) to return to the start', () => {
    for (const purpose of purposes) for (const stage of allStages) expect(canMove(purpose, stage, 'identify')).toBe(true);
  });
});
