import QRCode from 'qrcode';
import type { QrMatrix } from '../../../shared/flow/stages.js';

/**
 * The QR code of `text` as rows of modules (dark = '1'), error correction M (15 %: a smudged kiosk
 * screen still scans). The renderer draws it as SVG rectangles: no canvas, no HTML from a library.
 */
export function qrMatrixOf(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    let line = '';
    for (let column = 0; column < modules.size; column += 1) line += modules.get(row, column) ? '1' : '0';
    rows.push(line);
  }
  return { size: modules.size, rows };
}

/** Modules of light margin around the code; scanners need a quiet zone (the standard asks for 4). */
const quietZone = 2;

/**
 * The code as text for a terminal with a dark background: each character is two modules stacked
 * (half blocks), and the blocks drawn are the *light* modules, so the terminal's own dark background
 * is the code's dark. Lines end with '\n'.
 */
export function qrMatrixAsTerminalText(matrix: QrMatrix): string {
  const span = matrix.size + 2 * quietZone;
  const light = (row: number, column: number) => {
    const r = row - quietZone;
    const c = column - quietZone;
    return r < 0 || c < 0 || r >= matrix.size || c >= matrix.size || matrix.rows[r]?.[c] !== '1';
  };
  let text = '';
  for (let row = 0; row < span; row += 2) {
    for (let column = 0; column < span; column += 1) {
      const top = light(row, column);
      // Past the last row is quiet zone too; an odd span leaves its last half line empty.
      const bottom = row + 1 < span && light(row + 1, column);
      text += top ? (bottom ? '█' : '▀') : bottom ? '▄' : ' ';
    }
    text += '\n';
  }
  return text;
}
