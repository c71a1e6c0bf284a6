import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../shared/config/config-schema.js';
import { actionKeys, keyboardKindFor, keyboardLayouts, keyEffect, keysOf, type FieldTraits } from '../../../renderer/src/on-screen-keyboard/keyboard-layouts.js';

const field = (traits: Partial<FieldTraits>): FieldTraits => ({
  tagName: 'INPUT',
  type: 'text',
  inputMode: '',
  autocomplete: '',
  disabled: false,
  readOnly: false,
  optedOut: false,
  ...traits,
});

describe('which on-screen keyboard a field gets', () => {
  it('gives usernames, passwords and email addresses the full keyboard', () => {
    expect(keyboardKindFor(field({ autocomplete: 'username' }))).toBe('text');
    expect(keyboardKindFor(field({ type: 'password', autocomplete: 'new-password' }))).toBe('text');
    expect(keyboardKindFor(field({ type: 'email', inputMode: 'email' }))).toBe('text');
    expect(keyboardKindFor(field({ tagName: 'TEXTAREA', type: '' }))).toBe('text');
  });

  it('gives a mobile number the phone pad', () => {
    expect(keyboardKindFor(field({ type: 'tel', inputMode: 'tel' }))).toBe('phone');
    expect(keyboardKindFor(field({ autocomplete: 'tel-national' }))).toBe('phone');
  });

  it('gives codes and PINs the digit pad', () => {
    expect(keyboardKindFor(field({ inputMode: 'numeric', autocomplete: 'one-time-code' }))).toBe('digits');
    expect(keyboardKindFor(field({ type: 'password', inputMode: 'numeric' }))).toBe('digits');
  });

  it('gives nothing to buttons, checkboxes, fields that cannot change, or fields that opt out', () => {
    expect(keyboardKindFor(field({ tagName: 'BUTTON', type: 'submit' }))).toBeNull();
    expect(keyboardKindFor(field({ type: 'checkbox' }))).toBeNull();
    expect(keyboardKindFor(field({ disabled: true }))).toBeNull();
    expect(keyboardKindFor(field({ readOnly: true }))).toBeNull();
    expect(keyboardKindFor(field({ optedOut: true }))).toBeNull();
  });
});

describe('the layouts', () => {
  it('have what each kind of field needs', () => {
    const text = keysOf('text');
    for (const character of [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@.-_']) expect(text).toContain(character);
    expect(keysOf('phone').sort()).toEqual([...'+0123456789', actionKeys.backspace, actionKeys.done].sort());
    expect(keysOf('digits').sort()).toEqual([...'0123456789', actionKeys.backspace, actionKeys.done].sort());
  });

  it('put Delete and Done on every layout, Shift and Space only where there are letters', () => {
    for (const kind of ['text', 'phone', 'digits'] as const) {
      expect(keysOf(kind)).toContain(actionKeys.backspace);
      expect(keysOf(kind)).toContain(actionKeys.done);
      expect(keyboardLayouts[kind].shift).toHaveLength(keyboardLayouts[kind].default.length);
    }
    expect(keysOf('text')).toContain(actionKeys.shift);
    expect(keysOf('digits')).not.toContain(actionKeys.shift);
    expect(keysOf('digits')).not.toContain(actionKeys.space);
  });
});

describe('what a key does to the text', () => {
  it('adds characters at the end, and a space for Space', () => {
    expect(keyEffect('amira', '.', -1)).toEqual({ kind: 'text', value: 'amira.' });
    expect(keyEffect('', 'A', 10)).toEqual({ kind: 'text', value: 'A' });
    expect(keyEffect('a', actionKeys.space, -1)).toEqual({ kind: 'text', value: 'a ' });
  });

  it('takes the last character for Delete, and does nothing on an empty field', () => {
    expect(keyEffect('1234', actionKeys.backspace, -1)).toEqual({ kind: 'text', value: '123' });
    expect(keyEffect('', actionKeys.backspace, -1)).toEqual({ kind: 'none' });
  });

  it('adds nothing to a full field (maxLength)', () => {
    expect(keyEffect('123456', '7', 6)).toEqual({ kind: 'none' });
    expect(keyEffect('123456', actionKeys.backspace, 6)).toEqual({ kind: 'text', value: '12345' });
  });

  it('leaves Shift and Done to the keyboard, and ignores keys it does not know', () => {
    expect(keyEffect('a', actionKeys.shift, -1)).toEqual({ kind: 'shift' });
    expect(keyEffect('a', actionKeys.done, -1)).toEqual({ kind: 'done' });
    expect(keyEffect('a', '{tab}', -1)).toEqual({ kind: 'none' });
  });
});

describe('the config', () => {
  it('turns the on-screen keyboard off unless asked', () => {
    const minimal = configSchema.parse({
      demo: true,
      branding: { organisationName: 'X', serviceDesk: { name: 'Desk', location: 'Here', phone: '1', email: 'desk@example.org', hours: '' } },
      store: { kind: 'sqlite', path: ':memory:' },
      mail: { from: 'x@example.org' },
    });
    expect(minimal.kiosk.onScreenKeyboard).toBe('off');
    expect(() => configSchema.parse({ ...minimal, kiosk: { ...minimal.kiosk, onScreenKeyboard: 'yes' } })).toThrow();
    // A YAML 1.1 tool writes a bare on/off as a boolean.
    expect(configSchema.parse({ ...minimal, kiosk: { ...minimal.kiosk, onScreenKeyboard: true } }).kiosk.onScreenKeyboard).toBe('on');
    expect(configSchema.parse({ ...minimal, kiosk: { ...minimal.kiosk, onScreenKeyboard: false } }).kiosk.onScreenKeyboard).toBe('off');
  });
});
