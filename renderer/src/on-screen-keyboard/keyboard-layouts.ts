/**
 * Which on-screen keyboard a field gets, the keys of each, and what a key does to the field's text.
 * Pure (no DOM): the component reads the field's attributes into a `FieldTraits` and applies the result.
 */

/** `text`: letters, digits, shift and the characters usernames and email addresses need; `phone`: digits and +; `digits`: a code pad. */
export type KeyboardKind = 'text' | 'phone' | 'digits';

/** The attributes of a focused element that decide its keyboard (lower-cased as the DOM reports them). */
export interface FieldTraits {
  tagName: string;
  type: string;
  inputMode: string;
  autocomplete: string;
  disabled: boolean;
  readOnly: boolean;
  /** `data-on-screen-keyboard="off"`: a field that must never get one. */
  optedOut: boolean;
}

const typedInputTypes = new Set(['text', 'password', 'email', 'tel', 'search', 'url', 'number']);

/** null: not a field the person types into (a button, a checkbox), or one that cannot change. */
export function keyboardKindFor(field: FieldTraits): KeyboardKind | null {
  if (field.disabled || field.readOnly || field.optedOut) return null;
  const tag = field.tagName.toLowerCase();
  if (tag === 'textarea') return 'text';
  if (tag !== 'input' || !typedInputTypes.has(field.type.toLowerCase())) return null;
  const inputMode = field.inputMode.toLowerCase();
  if (field.type.toLowerCase() === 'tel' || inputMode === 'tel' || field.autocomplete.toLowerCase().startsWith('tel')) return 'phone';
  if (inputMode === 'numeric' || field.autocomplete.toLowerCase() === 'one-time-code' || field.type.toLowerCase() === 'number') return 'digits';
  return 'text';
}

/** The keys that are actions, not characters; their labels come from the catalogue. */
export const actionKeys = { backspace: '{bksp}', shift: '{shift}', space: '{space}', done: '{done}' } as const;
export type ActionKey = (typeof actionKeys)[keyof typeof actionKeys];

/**
 * simple-keyboard layouts: rows of space-separated keys. Latin letters only (usernames and passwords
 * are Latin at every language); `- _ .` for usernames, `@ .` for email addresses.
 */
export const keyboardLayouts: Record<KeyboardKind, Record<'default' | 'shift', string[]>> = {
  text: {
    default: [
      '1 2 3 4 5 6 7 8 9 0 {bksp}',
      'q w e r t y u i o p',
      'a s d f g h j k l @',
      '{shift} z x c v b n m . - _',
      '{space} {done}',
    ],
    shift: [
      '1 2 3 4 5 6 7 8 9 0 {bksp}',
      'Q W E R T Y U I O P',
      'A S D F G H J K L @',
      '{shift} Z X C V B N M . - _',
      '{space} {done}',
    ],
  },
  phone: {
    default: ['1 2 3', '4 5 6', '7 8 9', '+ 0 {bksp}', '{done}'],
    shift: ['1 2 3', '4 5 6', '7 8 9', '+ 0 {bksp}', '{done}'],
  },
  digits: {
    default: ['1 2 3', '4 5 6', '7 8 9', '{bksp} 0 {done}'],
    shift: ['1 2 3', '4 5 6', '7 8 9', '{bksp} 0 {done}'],
  },
};

/** Every key of a layout once, e.g. to give each the same attribute. */
export function keysOf(kind: KeyboardKind): string[] {
  const rows = [...keyboardLayouts[kind].default, ...keyboardLayouts[kind].shift];
  return [...new Set(rows.flatMap((row) => row.split(' ')))];
}

/** What a key press asks for: new text for the field, or an action the component carries out. */
export type KeyEffect = { kind: 'text'; value: string } | { kind: 'shift' } | { kind: 'done' } | { kind: 'none' };

/**
 * The field's text after a key. Characters go at the end (the caret is kept there), Backspace takes
 * the last one, and a full field (maxLength) takes nothing more. `maxLength` < 0: no limit, as the DOM reports it.
 */
export function keyEffect(value: string, key: string, maxLength: number): KeyEffect {
  if (key === actionKeys.shift) return { kind: 'shift' };
  if (key === actionKeys.done) return { kind: 'done' };
  if (key === actionKeys.backspace) return value === '' ? { kind: 'none' } : { kind: 'text', value: [...value].slice(0, -1).join('') };
  const character = key === actionKeys.space ? ' ' : key;
  if (key !== actionKeys.space && key.startsWith('{') && key.length > 1) return { kind: 'none' };
  if (maxLength >= 0 && value.length >= maxLength) return { kind: 'none' };
  return { kind: 'text', value: value + character };
}
