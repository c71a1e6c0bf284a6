import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { createKioskApi } from '../../shared/ipc/kiosk-api.js';
import { APP_CONTENT_SECURITY_POLICY } from '../../electron/app-protocol.js';
import type { Preview } from '../../tools/preview/host.js';
import { backToStart, mainStage, startBrowserPreview } from '../support/browser-preview.js';

/** What a script in the page can reach: the named API and, like any page, the raw binding under it. */
interface PageGlobals {
  kiosk?: Record<string, (...args: unknown[]) => Promise<unknown>>;
  __kioskInvoke(channel: unknown, payload: unknown): Promise<unknown>;
}

const errorCodeOf = (result: unknown) => (result as { ok: boolean; error?: { code: string } }).error?.code ?? 'ok';

async function rawInvoke(frame: Frame, channel: unknown, payload: unknown): Promise<string> {
  const result = await frame.evaluate(
    ([c, p]) => (globalThis as unknown as PageGlobals).__kioskInvoke(c, p),
    [channel, payload] as const,
  );
  return errorCodeOf(result);
}

describe('the page reaches main only through named functions, and only from the kiosk\'s own page', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview();
  });
  afterAll(async () => {
    await preview?.close();
  });
  beforeEach(async () => {
    await backToStart(preview);
  });

  it('gives the page window.kiosk with exactly the preload\'s named functions, frozen', async () => {
    const expectedNames = Object.keys(createKioskApi(() => Promise.reject(new Error('never called')))).sort();
    const shape = await preview.page.evaluate(() => {
      const kiosk = (globalThis as unknown as PageGlobals).kiosk ?? {};
      const replaced = (() => {
        try {
          (globalThis as unknown as { kiosk: unknown }).kiosk = { invoke: () => 'free channel' };
        } catch {
          // Strict-mode code throws on a read-only global; either way it must not be replaced.
        }
        return (globalThis as unknown as PageGlobals).kiosk !== kiosk;
      })();
      return {
        names: Object.keys(kiosk).sort(),
        types: [...new Set(Object.values(kiosk).map((value) => typeof value))],
        frozen: Object.isFrozen(kiosk),
        replaced,
      };
    });
    expect(shape.names).toEqual(expectedNames);
    expect(shape.types).toEqual(['function']);
    expect(shape.frozen).toBe(true);
    expect(shape.replaced).toBe(false);
  });

  it('answers the named functions from main', async () => {
    const result = await preview.page.evaluate(() => (globalThis as unknown as PageGlobals).kiosk?.session?.());
    expect(result).toEqual({ ok: true, value: { stage: 'identify' } });
  });

  it('answers a free channel or a malformed payload with a typed error and changes nothing', async () => {
    const frame = preview.page.mainFrame();
    expect(await rawInvoke(frame, 'admin:dumpAccounts', {})).toBe('UNKNOWN_CHANNEL');
    expect(await rawInvoke(frame, 42, {})).toBe('UNKNOWN_CHANNEL');
    expect(await rawInvoke(frame, 'journey:begin', { purpose: 'reset', username: 42 })).toBe('BAD_INPUT');
    expect(await rawInvoke(frame, 'journey:begin', { purpose: 'reset', username: 'amira.khan', stage: 'new_password' })).toBe('BAD_INPUT');
    expect(await rawInvoke(frame, 'journey:begin', { purpose: 'reset', username: 'x'.repeat(10_000) })).toBe('BAD_INPUT');
    expect(await rawInvoke(frame, 'journey:begin', 'amira.khan')).toBe('BAD_INPUT');
    // Each journey only through its own door: no change by code, no reset by password.
    expect(await rawInvoke(frame, 'journey:begin', { purpose: 'change', username: 'amira.khan' })).toBe('BAD_INPUT');
    expect(await rawInvoke(frame, 'journey:signIn', { purpose: 'reset', username: 'amira.khan', password: 'Wq3nVb8zHt5kLp' })).toBe('BAD_INPUT');
    expect(await rawInvoke(frame, 'journey:signIn', { purpose: 'change', username: 'amira.khan' })).toBe('BAD_INPUT');
    expect(await rawInvoke(frame, 'code:choose', { method: 'carrier-pigeon' })).toBe('BAD_INPUT');
    // The old channel name is gone, not kept as a second door.
    expect(await rawInvoke(frame, 'reset:begin', { username: 'amira.khan' })).toBe('UNKNOWN_CHANNEL');
    expect(await mainStage(preview)).toBe('identify');
  });

  it('refuses a call from an iframe inside the kiosk page with FORBIDDEN, and gives the iframe no window.kiosk', async () => {
    const { page } = preview;
    await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: { createElement(tag: string): { name: string; srcdoc: string }; body: { append(node: unknown): void } };
      };
      const frame = document.createElement('iframe');
      frame.name = 'inner';
      frame.srcdoc = '<p>inner</p>';
      document.body.append(frame);
    });
    await expect.poll(() => page.frame({ name: 'inner' })?.url() ?? null).toBe('about:srcdoc');
    const inner = page.frame({ name: 'inner' }) as Frame;
    await inner.waitForLoadState();

    expect(await inner.evaluate(() => typeof (globalThis as unknown as PageGlobals).kiosk)).toBe('undefined');
    expect(await rawInvoke(inner, 'session:get', {})).toBe('FORBIDDEN');
    expect(await rawInvoke(inner, 'journey:begin', { purpose: 'reset', username: 'amira.khan' })).toBe('FORBIDDEN');
    expect(await mainStage(preview)).toBe('identify');
  });

  it('refuses every call from a page on a foreign origin with FORBIDDEN, top frame and iframe alike', async () => {
    const { page } = preview;
    await page.route('https://evil.test/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: new URL(route.request().url()).pathname === '/'
          ? '<!doctype html><title>evil</title><iframe name="evil-inner" src="https://evil.test/inner"></iframe>'
          : '<!doctype html><title>inner</title>',
      }),
    );
    try {
      await page.goto('https://evil.test/');
      const inner = page.frame({ name: 'evil-inner' }) as Frame;
      await inner.waitForLoadState();

      // Even the named functions get nowhere once the top frame is not the kiosk's own page.
      const viaApi = await page.evaluate(() => (globalThis as unknown as PageGlobals).kiosk?.begin?.('reset', 'amira.khan'));
      expect(errorCodeOf(viaApi)).toBe('FORBIDDEN');
      expect(await rawInvoke(page.mainFrame(), 'journey:begin', { purpose: 'reset', username: 'amira.khan' })).toBe('FORBIDDEN');
      expect(await rawInvoke(page.mainFrame(), 'demo:inbox', {})).toBe('FORBIDDEN');
      expect(await rawInvoke(inner, 'session:get', {})).toBe('FORBIDDEN');
      expect(await mainStage(preview)).toBe('identify');
    } finally {
      await page.unroute('https://evil.test/**');
    }
  });

  it('serves the renderer with the Electron shell\'s CSP, which blocks inline script and string evaluation', async () => {
    const { page } = preview;
    const response = await page.goto(preview.url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(APP_CONTENT_SECURITY_POLICY);

    const outcome = await page.evaluate(async () => {
      const view = globalThis as unknown as {
        inlineRan?: boolean;
        timerRan?: boolean;
        setTimeout(code: string, ms: number): void;
        document: {
          createElement(tag: string): { textContent: string };
          head: { append(node: unknown): void };
          addEventListener(type: string, listener: (event: { violatedDirective: string }) => void): void;
        };
      };
      // The header and the page's meta tag are two policies; each reports its own violation.
      const violations: string[] = [];
      view.document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
      const script = view.document.createElement('script');
      script.textContent = 'globalThis.inlineRan = true;';
      view.document.head.append(script);
      // A string timer is eval in disguise; the page's own code runs it, so the CSP applies.
      view.setTimeout('globalThis.timerRan = true;', 0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { inlineRan: view.inlineRan === true, timerRan: view.timerRan === true, violations: [...new Set(violations)].sort() };
    });
    expect(outcome).toEqual({ inlineRan: false, timerRan: false, violations: ['script-src', 'script-src-elem'] });
  });

  it('refuses paths that try to leave the built renderer', async () => {
    const { page } = preview;
    const origin = new URL(preview.url).origin;
    const attempts = ['/..%2fpackage.json', '/assets/..%2f..%2fpackage.json', '/%2e%2e%5cpackage.json', '/%252e%252e/package.json', '/.env', '/index.html%00.js'];
    for (const attempt of attempts) {
      // A refusal has no body, which Chromium turns into a navigation error; the response still tells the status.
      const answered = page.waitForResponse((response) => response.url() === `${origin}${attempt}`);
      await page.goto(`${origin}${attempt}`).catch(() => null);
      const response = await answered;
      expect([400, 403, 404], attempt).toContain(response.status());
      expect((await response.body()).length, attempt).toBe(0);
    }
  });
});
