import jsQRModule from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { QrMatrix } from '../../../shared/flow/stages.js';
import { drawQr, qrQuietZoneModules } from '../../../renderer/src/qr-svg.js';

// jsqr is CommonJS with a `default` export: under NodeNext its function is that property.
const jsQR = jsQRModule.default;

/** What main sends: the qrcode library's modules as '0'/'1' rows. */
function matrixOf(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: string[] = [];
  for (let y = 0; y < modules.size; y += 1) {
    let row = '';
    for (let x = 0; x < modules.size; x += 1) row += modules.get(x, y) ? '1' : '0';
    rows.push(row);
  }
  return { size: modules.size, rows };
}

/**
 * Paints the path's runs ("M x y h n v1 h-n z") into RGBA pixels, `scale` pixels per module, white
 * elsewhere: a rasteriser for exactly the shapes drawQr emits, so the test can hand jsqr a picture.
 */
function rasterise(size: number, path: string, scale: number): { data: Uint8ClampedArray; width: number } {
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  const runs = [...path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)];
  expect(runs.map((run) => run[0]).join('')).toBe(path);
  for (const [, xs, ys, lengths, back] of runs) {
    const [x, y, length] = [Number(xs), Number(ys), Number(lengths)];
    expect(Number(back)).toBe(length);
    for (let py = y * scale; py < (y + 1) * scale; py += 1)
      for (let px = x * scale; px < (x + length) * scale; px += 1) data.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
  }
  return { data, width };
}

describe('QR matrix to SVG path', () => {
  it('draws every dark module, and only those, inside a 4-module quiet zone', () => {
    const matrix: QrMatrix = { size: 3, rows: ['110', '001', '111'] };
    const drawing = drawQr(matrix);
    expect(qrQuietZoneModules).toBe(4);
    expect(drawing.size).toBe(3 + 8);
    expect(drawing.darkPath).toBe('M4 4h2v1h-2zM6 5h1v1h-1zM4 6h3v1h-3z');
  });

  it('draws an all-light matrix as an empty path', () => {
    expect(drawQr({ size: 2, rows: ['00', '00'] }).darkPath).toBe('');
  });

  it('refuses a matrix that is not a square of 0 and 1', () => {
    expect(() => drawQr({ size: 2, rows: ['01'] })).toThrow(/square/);
    expect(() => drawQr({ size: 2, rows: ['01', '011'] })).toThrow(/square/);
    expect(() => drawQr({ size: 2, rows: ['01', '0x'] })).toThrow(/square/);
    expect(() => drawQr({ size: 0, rows: [] })).toThrow(/square/);
  });

  it('decodes with jsqr to exactly the otpauth URI it was made from', () => {
    const uri = 'otpauth://totp/Northfield%20University:chloe.martin?issuer=Northfield%20University&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30';
    const matrix = matrixOf(uri);
    const drawing = drawQr(matrix);
    const { data, width } = rasterise(drawing.size, drawing.darkPath, 6);
    expect(jsQR(data, width, width)?.data).toBe(uri);
  });

  it('leaves the quiet zone light on every side', () => {
    const matrix = matrixOf('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A');
    const drawing = drawQr(matrix);
    const { data, width } = rasterise(drawing.size, drawing.darkPath, 1);
    const dark = (x: number, y: number) => data[(y * width + x) * 4] === 0;
    for (let i = 0; i < width; i += 1)
      for (let band = 0; band < qrQuietZoneModules; band += 1) {
        expect([dark(i, band), dark(band, i), dark(i, width - 1 - band), dark(width - 1 - band, i)]).toEqual([false, false, false, false]);
      }
    // The finder pattern's corner sits right inside the quiet zone.
    expect(dark(qrQuietZoneModules, qrQuietZoneModules)).toBe(true);
  });
});
