import { describe, expect, it } from 'vitest';
import { gsm7Segments, isGsm7 } from '../../../electron/core/sms/gsm7.js';

describe('counting SMS segments', () => {
  it('counts one septet per basic-table character, including the accented letters and Greek capitals GSM-7 has', () => {
    expect(gsm7Segments('Hello')).toEqual({ encoding: 'gsm7', units: 5, segments: 1 });
    expect(gsm7Segments('@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà\n\r')).toEqual({ encoding: 'gsm7', units: 44, segments: 1 });
  });

  it('fits 160 basic characters in one segment and splits 161 into two of 153', () => {
    expect(gsm7Segments('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(gsm7Segments('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(gsm7Segments('a'.repeat(306))).toEqual({ encoding: 'gsm7', units: 306, segments: 2 });
    expect(gsm7Segments('a'.repeat(307))).toEqual({ encoding: 'gsm7', units: 307, segments: 3 });
  });

  it('counts each extension-table character as two septets', () => {
    expect(gsm7Segments('€[]{}^~|\\\f')).toEqual({ encoding: 'gsm7', units: 20, segments: 1 });
    expect(gsm7Segments('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(gsm7Segments(`${'€'.repeat(80)}a`)).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
  });

  it('never splits an escape pair across segments', () => {
    // 152 septets then a two-septet € would straddle the 153 boundary: it moves to the next segment.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(gsm7Segments(text)).toEqual({ encoding: 'gsm7', units: 306, segments: 3 });
  });

  it('falls back to UCS-2 for any character outside GSM-7: 70 units in one segment, 67 per part', () => {
    expect(isGsm7('Łódź')).toBe(false);
    expect(gsm7Segments('Łódź')).toEqual({ encoding: 'ucs2', units: 4, segments: 1 });
    expect(gsm7Segments(`ç${'a'.repeat(69)}`)).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(gsm7Segments(`ç${'a'.repeat(70)}`)).toEqual({ encoding: 'ucs2', units: 71, segments: 2 });
    expect(gsm7Segments(`ç${'a'.repeat(133)}`)).toEqual({ encoding: 'ucs2', units: 134, segments: 2 });
    expect(gsm7Segments(`ç${'a'.repeat(134)}`)).toEqual({ encoding: 'ucs2', units: 135, segments: 3 });
  });

  it('counts an emoji as two UTF-16 units and never splits it', () => {
    expect(gsm7Segments('😀')).toEqual({ encoding: 'ucs2', units: 2, segments: 1 });
    // 66 units then a surrogate pair: the pair cannot share the first 67-unit part.
    expect(gsm7Segments(`${'a'.repeat(66)}😀${'a'.repeat(66)}`)).toEqual({ encoding: 'ucs2', units: 134, segments: 3 });
  });

  it('counts an empty text as one segment (a message costs at least one)', () => {
    expect(gsm7Segments('')).toEqual({ encoding: 'gsm7', units: 0, segments: 1 });
  });
});
