import type { TypedField } from './field-text.js';

/** The first empty box after `field` in its form that the keyboard types into (Done moves there), or null. */
export function nextEmptyField(field: TypedField, typedInto: (element: Element) => boolean): TypedField | null {
  const form = field.form;
  if (form === null) return null;
  const elements = [...form.elements];
  for (const element of elements.slice(elements.indexOf(field) + 1)) {
    if ((element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) && typedInto(element) && element.value === '') return element;
  }
  return null;
}
