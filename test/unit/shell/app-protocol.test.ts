import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_ENTRY_URL,
  APP_ORIGIN,
  resolveAppPath,
  serveAppRequest,
} from '../../../electron/app-protocol.js';

let scratch: string;
let root: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'sspr-app-protocol-'));
  root = path.join(scratch, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log("kiosk")');
  writeFileSync(path.join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(path.join(root, 'assets', 'notes.exe'), 'MZ');
  writeFileSync(path.join(root, '.env'), 'SECRET=1');
  writeFileSync(path.join(scratch, 'secret.txt'), 'outside the renderer root');
  mkdirSync(path.join(root, 'folder.js'));
  symlinkSync(path.join(scratch, 'secret.txt'), path.join(root, 'assets', 'escape.txt'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const get = (url: string) => serveAppRequest({ url, method: 'GET' }, root);

describe('the app:// resolver', () => {
  it('maps the entry URL and the bare origin to index.html', () => {
    expect(APP_ENTRY_URL).toBe('app://kiosk/index.html');
    for (const url of [APP_ENTRY_URL, APP_ORIGIN, `${APP_ORIGIN}/`]) {
      const resolution = resolveAppPath(url, root);
      expect(resolution).toMatchObject({ ok: true, relativePath: 'index.html', filePath: path.join(root, 'index.html') });
    }
  });

  it('ignores the query string and fragment', () => {
    expect(resolveAppPath('app://kiosk/assets/index-abc123.js?v=2#top', root)).toMatchObject({
      ok: true,
      relativePath: 'assets/index-abc123.js',
    });
  });

  it.each([
    ['plain dot-dot segments', 'app://kiosk/../../etc/passwd'],
    ['dot-dot inside the path', 'app://kiosk/assets/../../secret.txt'],
    ['lower-case encoded dots', 'app://kiosk/%2e%2e/%2e%2e/etc/passwd'],
    ['upper-case encoded dots', 'app://kiosk/assets/%2E%2E/%2E%2E/secret.txt'],
    ['half-encoded dots', 'app://kiosk/.%2e/secret.txt'],
    ['a single dot segment', 'app://kiosk/./index.html'],
    ['an encoded slash', 'app://kiosk/..%2fsecret.txt'],
    ['an encoded slash inside a name', 'app://kiosk/assets%2f..%2f..%2fsecret.txt'],
    ['a literal backslash', 'app://kiosk/assets\\..\\..\\secret.txt'],
    ['an encoded backslash', 'app://kiosk/..%5csecret.txt'],
    ['an absolute path', 'app://kiosk//etc/passwd'],
    ['an encoded absolute path', 'app://kiosk/%2fetc%2fpasswd'],
    ['a Windows drive letter', 'app://kiosk/C:/Windows/win.ini'],
    ['an encoded NUL', 'app://kiosk/index.html%00.js'],
    ['a literal NUL', 'app://kiosk/index.html\u0000.js'],
    ['double encoding', 'app://kiosk/%252e%252e/secret.txt'],
    ['malformed percent-encoding', 'app://kiosk/%E0%A4%A'],
    ['a dotfile', 'app://kiosk/.env'],
    ['a trailing slash', 'app://kiosk/assets/'],
  ])('refuses %s', (_name, url) => {
    const resolution = resolveAppPath(url, root);
    expect(resolution.ok).toBe(false);
    if (!resolution.ok) expect(resolution.status).toBe(400);
  });

  it('refuses other hosts and schemes as a foreign origin', () => {
    for (const url of ['app://evil/index.html', 'app://kiosk.evil/index.html', 'file:///etc/passwd', 'https://kiosk/index.html']) {
      expect(resolveAppPath(url, root)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('refuses file types a renderer build never contains', () => {
    expect(resolveAppPath('app://kiosk/assets/notes.exe', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath('app://kiosk/assets/README', root)).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses absurdly long URLs', () => {
    expect(resolveAppPath(`app://kiosk/${'a'.repeat(3000)}.js`, root)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('serving the built renderer over app://', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc123.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (file, mimeType) => {
    const response = await get(`app://kiosk/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe(mimeType);
    expect(response.body).toEqual(readFileSync(path.join(root, file)));
  });

  it('sends the kiosk CSP and nosniff with every response, refusals included', async () => {
    expect(APP_CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    for (const url of [APP_ENTRY_URL, 'app://kiosk/missing.js', 'app://kiosk/%2e%2e/secret.txt']) {
      const response = await get(url);
      expect(response.headers['Content-Security-Policy']).toBe(APP_CONTENT_SECURITY_POLICY);
      expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
    }
  });

  it('answers a traversal attempt without any file content', async () => {
    const response = await get('app://kiosk/assets/%2e%2e/%2e%2e/secret.txt');
    expect(response.status).toBe(400);
    expect(response.body).toBeNull();
  });

  it('does not follow a symlink that leads outside the root', async () => {
    const response = await get('app://kiosk/assets/escape.txt');
    expect(response.status).toBe(404);
    expect(response.body).toBeNull();
  });

  it('answers 404 for missing files and for directories', async () => {
    expect((await get('app://kiosk/assets/missing.js')).status).toBe(404);
    expect((await get('app://kiosk/folder.js')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await serveAppRequest({ url: APP_ENTRY_URL, method: 'HEAD' }, root);
    expect(head).toMatchObject({ status: 200, body: null });
    const post = await serveAppRequest({ url: APP_ENTRY_URL, method: 'POST' }, root);
    expect(post.status).toBe(405);
    expect(post.headers.Allow).toBe('GET, HEAD');
    expect(post.body).toBeNull();
  });
});
