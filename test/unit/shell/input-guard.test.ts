import { describe, expect, it } from 'vitest';
import { blockedShortcut, isBlockedShortcut, type KeyInput } from '../../../electron/input-guard.js';

const press = (key: string, code: string, modifiers: Partial<Omit<KeyInput, 'key' | 'code'>> = {}): KeyInput => ({
  key,
  code,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...modifiers,
});

describe('keyboard shortcuts at the kiosk', () => {
  it.each([
    ['F5', press('F5', 'F5')],
    ['Ctrl+R', press('r', 'KeyR', { control: true })],
    ['Ctrl+Shift+R', press('R', 'KeyR', { control: true, shift: true })],
    ['Cmd+R', press('r', 'KeyR', { meta: true })],
    ['the browser refresh key', press('BrowserRefresh', 'BrowserRefresh')],
  ])('blocks reload: %s', (_name, input) => {
    expect(blockedShortcut(input)).toBe('reload');
  });

  it.each([
    ['F12', press('F12', 'F12')],
    ['Ctrl+Shift+I', press('I', 'KeyI', { control: true, shift: true })],
    ['Ctrl+Shift+J', press('J', 'KeyJ', { control: true, shift: true })],
    ['Ctrl+Shift+C', press('C', 'KeyC', { control: true, shift: true })],
    ['Cmd+Alt+I', press('ˆ', 'KeyI', { meta: true, alt: true })],
  ])('blocks DevTools: %s', (_name, input) => {
    expect(blockedShortcut(input)).toBe('devtools');
  });

  it.each([
    ['Ctrl+=', press('=', 'Equal', { control: true })],
    ['Ctrl++', press('+', 'Equal', { control: true, shift: true })],
    ['Ctrl+-', press('-', 'Minus', { control: true })],
    ['Ctrl+0', press('0', 'Digit0', { control: true })],
    ['Ctrl+numpad +', press('+', 'NumpadAdd', { control: true })],
    ['Ctrl+numpad -', press('-', 'NumpadSubtract', { control: true })],
    ['Cmd+-', press('-', 'Minus', { meta: true })],
  ])('blocks zoom: %s', (_name, input) => {
    expect(blockedShortcut(input)).toBe('zoom');
  });

  it('recognises a shortcut from the key alone when the physical code is missing', () => {
    expect(blockedShortcut({ key: 'r', control: true, meta: false, shift: false, alt: false })).toBe('reload');
    expect(blockedShortcut({ key: 'I', control: true, meta: false, shift: true, alt: false })).toBe('devtools');
  });

  it.each([
    ['typing letters', press('r', 'KeyR')],
    ['typing capitals', press('R', 'KeyR', { shift: true })],
    ['typing digits', press('0', 'Digit0')],
    ['typing a minus', press('-', 'Minus')],
    ['copy', press('c', 'KeyC', { control: true })],
    ['paste (allowed for passwords, security.md 12)', press('v', 'KeyV', { control: true })],
    ['select all', press('a', 'KeyA', { control: true })],
    ['Tab', press('Tab', 'Tab')],
    ['Shift+Tab', press('Tab', 'Tab', { shift: true })],
    ['Enter', press('Enter', 'Enter')],
    ['Escape', press('Escape', 'Escape')],
    ['Backspace', press('Backspace', 'Backspace')],
  ])('lets ordinary keys through: %s', (_name, input) => {
    expect(isBlockedShortcut(input)).toBe(false);
  });
});
