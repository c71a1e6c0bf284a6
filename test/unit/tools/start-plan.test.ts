import { describe, expect, it } from 'vitest';
import { hasDisplay, planFallback, type FallbackInput } from '../../../tools/start/plan.js';

const missing: FallbackInput['electron'] = { state: 'missing', detail: 'node_modules/electron/path.txt does not exist' };
const system = { source: 'system', headlessOnly: false } as const;
const bundled = { source: 'bundled', headlessOnly: true } as const;
const display = { DISPLAY: ':0' };
const input = (patch: Partial<FallbackInput>): FallbackInput => ({ electron: missing, browser: system, argv: [], env: display, cdpPort: 9333, ...patch });

describe("npm start without Electron's binary", () => {
  it('says why in one line and opens the demo kiosk in a window where there is a display', () => {
    expect(planFallback(input({}))).toEqual({
      run: true,
      lines: ["Electron's binary is not installed (its download failed); running the same kiosk in the system's Chromium instead."],
      previewArgs: ['--demo'],
    });
    expect(planFallback(input({ env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toMatchObject({ previewArgs: ['--demo'] });
  });

  it('runs headless without a display, with a second line saying how to look at it', () => {
    const plan = planFallback(input({ env: {} }));
    expect(plan).toMatchObject({ run: true, previewArgs: ['--demo', '--headless', '--cdp-port', '9333'] });
    expect(plan.lines).toHaveLength(2);
    expect(plan.lines[0]).toBe("Electron's binary is not installed (its download failed); running the same kiosk in the system's Chromium instead.");
    expect(plan.lines[1]).toContain('No display (DISPLAY and WAYLAND_DISPLAY are unset)');
    expect(plan.lines[1]).toContain("chromium.connectOverCDP('http://127.0.0.1:9333')");
    expect(plan.lines[1]).toContain('xvfb-run -a npm start');
  });

  it('runs headless even with a display when the only Chromium is the headless bundled one, and names it', () => {
    const plan = planFallback(input({ browser: bundled }));
    expect(plan).toMatchObject({ run: true, previewArgs: ['--demo', '--headless', '--cdp-port', '9333'] });
    expect(plan.lines[0]).toContain('in the headless Chromium from the npm package @sparticuz/chromium instead');
    expect(plan.lines[1]).toContain('cannot open a window');
  });

  it('names a binary that is there but does not run', () => {
    const plan = planFallback(input({ electron: { state: 'broken', path: '/x/dist/electron', detail: 'it exited with 127: libgtk-3.so.0: cannot open' } }));
    expect(plan.lines[0]).toBe(
      "Electron's binary at /x/dist/electron does not run (it exited with 127: libgtk-3.so.0: cannot open); running the same kiosk in the system's Chromium instead.",
    );
  });

  it('runs the config Electron would have used: --config FILE, --config=FILE, or SSPR_KIOSK_CONFIG', () => {
    expect(planFallback(input({ argv: ['--config', '/etc/k.yaml'] }))).toMatchObject({ previewArgs: ['--config', '/etc/k.yaml'] });
    expect(planFallback(input({ argv: ['--config=/etc/k.yaml'] }))).toMatchObject({ previewArgs: ['--config', '/etc/k.yaml'] });
    expect(planFallback(input({ env: { ...display, SSPR_KIOSK_CONFIG: '/etc/e.yaml' } }))).toMatchObject({ previewArgs: ['--config', '/etc/e.yaml'] });
  });

  it('stops with one line when --config has no file, instead of falling back to the demo', () => {
    expect(planFallback(input({ argv: ['--config'] }))).toEqual({
      run: false,
      lines: ['--config needs a file path, e.g. --config /etc/sspr-kiosk/config.yaml'],
    });
  });

  it('stops with one line when there is no Chromium either', () => {
    expect(planFallback(input({ browser: { error: 'No Chromium for the kiosk preview: SSPR_BROWSER=system, but none was found.' } }))).toEqual({
      run: false,
      lines: [
        "Electron's binary is not installed (its download failed), and the kiosk cannot run in Chromium instead: No Chromium for the kiosk preview: SSPR_BROWSER=system, but none was found.",
      ],
    });
  });

  it('counts DISPLAY or WAYLAND_DISPLAY as a display, empty ones not', () => {
    expect(hasDisplay({ DISPLAY: ':1' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-1' })).toBe(true);
    expect(hasDisplay({ DISPLAY: '', WAYLAND_DISPLAY: '' })).toBe(false);
    expect(hasDisplay({})).toBe(false);
  });
});
