import type { QrMatrix } from '../../shared/flow/stages.js';

/**
 * Scanners need a light border of at least four modules around a QR code (ISO/IEC 18004 "quiet
 * zone"); without it many phone cameras fail to find the code on a busy screen.
 */
export const qrQuietZoneModules = 4;

export interface QrDrawing {
  /** Width and height of the viewBox in modules, quiet zone included. */
  size: number;
  /** One SVG path of every dark module, drawn as horizontal runs so the path stays short. */
  darkPath: string;
}

/**
 * Turns main's '0'/'1' rows into an SVG path. The renderer draws the picture itself (no image from
 * main, no data: URL) so the page's CSP stays as it is. A matrix that is not square or holds other
 * characters is refused: a wrong picture would be scanned into a wrong secret without anyone noticing.
 */
export function drawQr(matrix: QrMatrix): QrDrawing {
  const { size, rows } = matrix;
  if (!Number.isInteger(size) || size < 1 || rows.length !== size || rows.some((row) => row.length !== size || /[^01]/.test(row)))
    throw new Error('QR matrix is not a square of 0 and 1 modules');
  const runs: string[] = [];
  rows.forEach((row, y) => {
    for (const match of row.matchAll(/1+/g)) {
      const length = match[0].length;
      runs.push(`M${match.index + qrQuietZoneModules} ${y + qrQuietZoneModules}h${length}v1h-${length}z`);
    }
  });
  return { size: size + 2 * qrQuietZoneModules, darkPath: runs.join('') };
}
