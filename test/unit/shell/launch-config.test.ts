import { describe, expect, it } from 'vitest';
import { resolveConfigSource, startupErrorMessage } from '../../../electron/launch-config.js';

const electronArgv = ['/opt/electron/electron', '.'];

describe('choosing the kiosk configuration at launch', () => {
  it('uses --config FILE', () => {
    expect(resolveConfigSource([...electronArgv, '--config', '/etc/kiosk.yaml'], {})).toEqual({
      kind: 'file',
      path: '/etc/kiosk.yaml',
      from: 'argument',
    });
  });

  it('uses --config=FILE', () => {
    expect(resolveConfigSource([...electronArgv, '--config=/etc/kiosk.json'], {})).toEqual({
      kind: 'file',
      path: '/etc/kiosk.json',
      from: 'argument',
    });
  });

  it('prefers the argument over SSPR_KIOSK_CONFIG', () => {
    expect(resolveConfigSource([...electronArgv, '--config', 'a.yaml'], { SSPR_KIOSK_CONFIG: 'b.yaml' })).toMatchObject({
      path: 'a.yaml',
    });
  });

  it('uses SSPR_KIOSK_CONFIG when there is no argument', () => {
    expect(resolveConfigSource(electronArgv, { SSPR_KIOSK_CONFIG: '/etc/kiosk.yaml' })).toEqual({
      kind: 'file',
      path: '/etc/kiosk.yaml',
      from: 'environment',
    });
  });

  it('starts in demo mode with neither', () => {
    expect(resolveConfigSource(electronArgv, {})).toEqual({ kind: 'demo' });
    expect(resolveConfigSource(electronArgv, { SSPR_KIOSK_CONFIG: '  ' })).toEqual({ kind: 'demo' });
  });

  it('refuses --config without a file instead of silently falling back to demo mode', () => {
    for (const argv of [
      [...electronArgv, '--config'],
      [...electronArgv, '--config', ''],
      [...electronArgv, '--config', '--no-sandbox'],
      [...electronArgv, '--config='],
    ]) {
      const source = resolveConfigSource(argv, { SSPR_KIOSK_CONFIG: '/etc/kiosk.yaml' });
      expect(source.kind).toBe('invalid');
      if (source.kind === 'invalid') expect(source.message).toContain('--config needs a file path');
    }
  });
});

describe('the start-up error box text', () => {
  it("shows the loader's key-by-key message as it is", () => {
    const message = 'config.yaml is not valid:\n- branding.organisationName: required\n- mail.from: required';
    expect(startupErrorMessage(new Error(message))).toBe(message);
  });

  it('never shows a stack trace', () => {
    const error = new Error('disk full');
    expect(startupErrorMessage(error)).toBe('disk full');
    expect(startupErrorMessage(error)).not.toContain(' at ');
  });

  it('still says something for odd throws', () => {
    expect(startupErrorMessage('plain text')).toBe('plain text');
    expect(startupErrorMessage(undefined)).toBe('The kiosk could not start for an unknown reason.');
    expect(startupErrorMessage(new Error(''))).toBe('The kiosk could not start for an unknown reason.');
  });
});
