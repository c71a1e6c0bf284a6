import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The kiosk UI is served from `app://kiosk/...` (security.md 21: a custom protocol, never file://).
 * This module is Electron-free so the traversal rules can be tested under plain Node; main.ts only
 * turns an AppResponse into a fetch Response.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** security.md 20: no inline script or style, no network, not frameable, no forms posting anywhere. */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Only what a Vite build of the renderer emits. Anything else is refused rather than sent as
 * octet-stream, so a stray file in dist/renderer can never be sniffed into something executable.
 */
export const APP_MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export type AppPathResolution =
  | { ok: true; relativePath: string; filePath: string; mimeType: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/** Longer than any asset name Vite produces; stops pathological inputs early. */
const maxUrlLength = 2048;
const originPrefix = /^app:\/\/kiosk(?=[/?#]|$)/i;
// eslint-disable-next-line no-control-regex -- control characters never belong in an asset name
const unsafeSegmentCharacter = /[\u0000-\u001f\u007f/\\:%*?"<>|]/;

function refuse(status: 400 | 403 | 404, reason: string): AppPathResolution {
  return { ok: false, status, reason };
}

/**
 * Maps an `app://kiosk/...` URL to a file under `root`, judged on the raw URL text: Chromium and
 * WHATWG URL parsing already fold `..` away, but this must not depend on who parsed the URL first.
 * Refuses dot segments (also `%2e` forms), encoded or literal backslashes and slashes inside a
 * segment, empty segments (`//etc`), drive letters, NUL/control characters, double encoding and
 * dotfiles. The result is re-checked to lie under `root` after joining.
 */
export function resolveAppPath(rawUrl: string, root: string): AppPathResolution {
  if (rawUrl.length > maxUrlLength) return refuse(400, 'url too long');
  const origin = originPrefix.exec(rawUrl);
  if (origin === null) return refuse(403, 'not the kiosk origin');

  const afterOrigin = rawUrl.slice(origin[0].length);
  const pathEnd = afterOrigin.search(/[?#]/);
  const rawPath = pathEnd === -1 ? afterOrigin : afterOrigin.slice(0, pathEnd);
  if (rawPath.includes('\\')) return refuse(400, 'backslash in path');

  const pathText = rawPath === '' || rawPath === '/' ? '/index.html' : rawPath;
  const segments: string[] = [];
  for (const rawSegment of pathText.slice(1).split('/')) {
    if (rawSegment === '') return refuse(400, 'empty path segment');
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return refuse(400, 'malformed percent-encoding');
    }
    if (segment.startsWith('.')) return refuse(400, 'dot segment or hidden file');
    if (unsafeSegmentCharacter.test(segment)) return refuse(400, 'unsafe character in path');
    segments.push(segment);
  }

  const resolvedRoot = path.resolve(root);
  const filePath = path.resolve(resolvedRoot, ...segments);
  const relative = path.relative(resolvedRoot, filePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return refuse(400, 'outside the renderer root');
  }

  const mimeType = APP_MIME_TYPES[path.extname(filePath).toLowerCase()];
  if (mimeType === undefined) return refuse(404, 'not a renderer asset type');
  return { ok: true, relativePath: segments.join('/'), filePath, mimeType };
}

export interface AppRequest {
  url: string;
  method: string;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  /** null for HEAD and for every refusal: refusals never say why to the page. */
  body: Buffer | null;
}

/** The file-system calls the server needs; Electron's fs understands app.asar paths. */
export interface AppFileSystem {
  realpath(filePath: string): Promise<string>;
  stat(filePath: string): Promise<{ isFile(): boolean }>;
  readFile(filePath: string): Promise<Buffer>;
}

const nodeFileSystem: AppFileSystem = {
  realpath: (filePath) => fs.realpath(filePath),
  stat: (filePath) => fs.stat(filePath),
  readFile: (filePath) => fs.readFile(filePath),
};

/** Sent with every response, refusals included. */
export function appSecurityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function refusal(status: number, extra: Record<string, string> = {}): AppResponse {
  return { status, headers: { ...appSecurityHeaders(), ...extra }, body: null };
}

/**
 * Serves one request from the built renderer. A symlink inside the root that points outside it is
 * refused as if the file did not exist.
 */
export async function serveAppRequest(
  request: AppRequest,
  root: string,
  fileSystem: AppFileSystem = nodeFileSystem,
): Promise<AppResponse> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return refusal(405, { Allow: 'GET, HEAD' });

  const resolution = resolveAppPath(request.url, root);
  if (!resolution.ok) return refusal(resolution.status);

  try {
    const [realRoot, realFile] = await Promise.all([
      fileSystem.realpath(path.resolve(root)),
      fileSystem.realpath(resolution.filePath),
    ]);
    if (!isInside(realRoot, realFile)) return refusal(404);
    if (!(await fileSystem.stat(realFile)).isFile()) return refusal(404);
    const body = method === 'HEAD' ? null : await fileSystem.readFile(realFile);
    return { status: 200, headers: { ...appSecurityHeaders(), 'Content-Type': resolution.mimeType }, body };
  } catch {
    // Missing or unreadable: the page only ever learns "not found".
    return refusal(404);
  }
}
