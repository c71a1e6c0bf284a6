import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { humanDuration as translatedDuration } from '../../../renderer/src/human-duration.js';

const english = createTranslator('en');
const humanDuration = (seconds: number) => translatedDuration(english, seconds);

describe('humanDuration', () => {
  it('counts seconds under a minute, singular and plural', () => {
    expect(humanDuration(1)).toBe('1 second');
    expect(humanDuration(45)).toBe('45 seconds');
  });

  it('rounds up, so nobody is told to come back too early', () => {
    expect(humanDuration(0.2)).toBe('1 second');
    expect(humanDuration(61)).toBe('2 minutes');
    expect(humanDuration(125)).toBe('3 minutes');
    expect(humanDuration(3599)).toBe('1 hour');
  });

  it('says minutes below an hour', () => {
    expect(humanDuration(60)).toBe('1 minute');
    expect(humanDuration(600)).toBe('10 minutes');
  });

  it('says hours, with the minutes when there are any, up to two days', () => {
    expect(humanDuration(3600)).toBe('1 hour');
    expect(humanDuration(5400)).toBe('1 hour and 30 minutes');
    expect(humanDuration(86_400)).toBe('24 hours');
    expect(humanDuration(86_400 - 30)).toBe('24 hours');
    expect(humanDuration(2 * 86_400)).toBe('48 hours');
  });

  it('says days beyond two days', () => {
    expect(humanDuration(3 * 86_400)).toBe('3 days');
    expect(humanDuration(3 * 86_400 + 3600)).toBe('3 days and 1 hour');
  });

  it('never says zero or a negative time', () => {
    expect(humanDuration(0)).toBe('1 second');
    expect(humanDuration(-5)).toBe('1 second');
  });
});
