import type { QrMatrix } from '../../../shared/flow/stages.js';
import { drawQr } from '../qr-svg.js';

/**
 * The QR code as inline SVG: dark modules on a white square with its quiet zone, crisp at any size
 * (shape-rendering keeps module edges sharp for the camera). It is an image with a name, since the
 * picture itself says nothing to a screen reader; the key beside it is the text alternative.
 */
export function QrCode({ matrix, name }: { matrix: QrMatrix; name: string }) {
  const { size, darkPath } = drawQr(matrix);
  return (
    <svg className="qr-code" role="img" aria-label={name} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" data-testid="qr-code">
      <rect width={size} height={size} fill="#ffffff" />
      <path d={darkPath} fill="#000000" />
    </svg>
  );
}
