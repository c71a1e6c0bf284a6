import { describe, expect, it } from 'vitest';
import { contrastRatio, readableTextColour } from '../../../renderer/src/readable-text-colour.js';

describe('readableTextColour', () => {
  it('puts white text on dark brand colours and black text on light ones', () => {
    expect(readableTextColour('#1d3f73')).toBe('#ffffff');
    expect(readableTextColour('#0b7a4b')).toBe('#ffffff');
    expect(readableTextColour('#ffd13b')).toBe('#000000');
    expect(readableTextColour('#f6f7f9')).toBe('#000000');
  });

  it('always reaches the 4.5:1 contrast WCAG AA asks of body text', () => {
    for (let value = 0; value < 0x1000000; value += 0x0f0f0f) {
      const colour = `#${value.toString(16).padStart(6, '0')}`;
      expect(contrastRatio(colour, readableTextColour(colour)), colour).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('matches the published contrast of black on white', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it('refuses something that is not a #rrggbb colour', () => {
    expect(() => readableTextColour('red')).toThrow(/#rrggbb/);
  });
});
