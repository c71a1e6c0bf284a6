import type { FieldTraits } from './keyboard-layouts.js';

export type TypedField = HTMLInputElement | HTMLTextAreaElement;

export function isTypedField(element: Element | null): element is TypedField {
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement;
}

export function fieldTraits(field: TypedField): FieldTraits {
  return {
    tagName: field.tagName,
    type: field instanceof HTMLInputElement ? field.type : 'text',
    inputMode: field.inputMode,
    autocomplete: field.getAttribute('autocomplete') ?? '',
    disabled: field.disabled,
    readOnly: field.readOnly,
    optedOut: field.closest('[data-on-screen-keyboard="off"]') !== null,
  };
}

/**
 * Sets a React-controlled field's text as typing would: through the prototype's value setter (React
 * watches the element's own one and would otherwise drop the change) and an `input` event, so the
 * field's onChange runs and the screen's state follows. The caret goes to the end.
 */
export function setFieldText(field: TypedField, value: string): void {
  const prototype = field instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  caretToEnd(field);
}

export function caretToEnd(field: TypedField): void {
  // email and number inputs have no selection API and throw on it.
  try {
    field.setSelectionRange(field.value.length, field.value.length);
  } catch {
    /* nothing to move */
  }
}
