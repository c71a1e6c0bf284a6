import { useEffect, useRef, useState } from 'react';
import { SimpleKeyboard as Keyboard } from 'simple-keyboard';
import 'simple-keyboard/build/css/index.css';
import './on-screen-keyboard.css';
import { useWords } from '../i18n/use-words.js';
import { useFlow } from '../stores/bound-stores.js';
import { caretToEnd, fieldTraits, isTypedField, setFieldText, type TypedField } from './field-text.js';
import { actionKeys, keyboardKindFor, keyboardLayouts, keyEffect, keysOf, type KeyboardKind } from './keyboard-layouts.js';
import { keepFieldInView, makeRoom } from './make-room.js';
import { nextEmptyField } from './next-field.js';

interface Target {
  field: TypedField;
  kind: KeyboardKind;
}

// simple-keyboard puts display labels into innerHTML: catalogue words are escaped as text.
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function targetOf(element: Element | null): Target | null {
  if (!isTypedField(element)) return null;
  const kind = keyboardKindFor(fieldTraits(element));
  return kind === null ? null : { field: element, kind };
}

/**
 * The optional on-screen keyboard (config `kiosk.onScreenKeyboard: on`): docked at the bottom while a
 * text box has focus, a digit pad for codes and PINs. It types into the focused box as the person
 * would (the box keeps focus, the caret stays at the end), and the page makes room so the box is never
 * under it. Done goes to the form's next empty box, else submits the form (like Enter). Keys never
 * echo what is typed: no preview bubble, and no pressed-key flash on a password box.
 */
export function OnScreenKeyboard() {
  const { t } = useWords();
  const host = useRef<HTMLDivElement>(null);
  const keys = useRef<HTMLDivElement>(null);
  const keyboard = useRef<Keyboard | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [shifted, setShifted] = useState(false);
  const targetRef = useRef<Target | null>(null);
  targetRef.current = target;
  const stage = useFlow((s) => s.view?.stage);
  const choice = useFlow((s) => s.choice);

  // Follow focus: a text box shows its keyboard; anything else (a heading, a button) hides it.
  useEffect(() => {
    const inKeyboard = (node: EventTarget | null) => node instanceof Node && host.current?.contains(node) === true;
    // Focus moves to a button on pointer down; hiding the keyboard then moves the lifted action bar
    // under the pointer, and the release lands elsewhere: the press would not be a click. So while a
    // pointer is down, leaving the boxes hides the keyboard only once the press is over.
    let pointerDown = false;
    let hideAfterPress = false;
    const hideUnlessInABox = () => {
      const active = document.activeElement;
      if (!inKeyboard(active) && targetOf(active) === null) setTarget(null);
    };
    const onFocusIn = (event: FocusEvent) => {
      if (inKeyboard(event.target)) return;
      const next = targetOf(event.target as Element | null);
      if (next === null && pointerDown) {
        hideAfterPress = true;
        return;
      }
      setTarget((current) => (next !== null && current?.field === next.field && current.kind === next.kind ? current : next));
      setShifted(false);
    };
    const onPointerUp = () => {
      pointerDown = false;
      if (!hideAfterPress) return;
      hideAfterPress = false;
      // After the click that this release makes has been handled.
      setTimeout(hideUnlessInABox, 0);
    };
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget !== null) return; // focusin on the new element decides
      // Focus went nowhere (the box was hidden or the window lost focus): check once it has settled.
      queueMicrotask(hideUnlessInABox);
    };
    // A tap on the focused box brings the keyboard back after Done hid it (no new focus event then).
    const onPointerDown = (event: PointerEvent) => {
      pointerDown = true;
      const next = targetOf(event.target as Element | null);
      if (next !== null && next.field === document.activeElement) setTarget((current) => current ?? next);
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('pointerup', onPointerUp);
    document.addEventListener('pointercancel', onPointerUp);
    const active = targetOf(document.activeElement);
    if (active !== null) setTarget(active);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('pointerup', onPointerUp);
      document.removeEventListener('pointercancel', onPointerUp);
    };
  }, []);

  // A new step or the end of the session takes the keyboard away, whatever focus did.
  useEffect(() => {
    setTarget(null);
  }, [stage, choice]);

  // A box removed with focus in it fires no focus event in every browser: watch the page for it.
  useEffect(() => {
    if (target === null) return;
    const observer = new MutationObserver(() => {
      if (!target.field.isConnected) setTarget(null);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [target]);

  // One simple-keyboard for the page's life; its keys change with the box and the language.
  useEffect(() => {
    if (keys.current === null) return;
    const instance = new Keyboard(keys.current, {
      useButtonTag: true,
      preventMouseDownDefault: true,
      // Its own copy of the text (a password included) is dropped after every key: the box is the only holder.
      onChange: () => instance.clearInput(),
      onKeyPress: (key: string) => press(key),
    });
    keyboard.current = instance;
    return () => {
      instance.destroy();
      keyboard.current = null;
    };
    // Made once: press reads the current box through a ref.
  }, []);

  const kind = target?.kind ?? 'text';
  const secret = target?.field instanceof HTMLInputElement && target.field.type === 'password';
  useEffect(() => {
    const characterKeys = keysOf(kind).filter((key) => !key.startsWith('{'));
    keyboard.current?.setOptions({
      layout: keyboardLayouts[kind],
      layoutName: shifted ? 'shift' : 'default',
      theme: `hg-theme-default osk-keys osk-${kind}${secret ? ' osk-secret' : ''}`,
      display: {
        [actionKeys.backspace]: escapeHtml(t('common.keyboard.delete')),
        [actionKeys.shift]: escapeHtml(t('common.keyboard.shift')),
        [actionKeys.space]: escapeHtml(t('common.keyboard.space')),
        [actionKeys.done]: escapeHtml(t('common.keyboard.done')),
      },
      buttonAttributes: [
        // Keys never take focus from the box (touch and pointer alike); a physical keyboard has its own keys.
        { attribute: 'tabindex', value: '-1', buttons: keysOf(kind).join(' ') },
        { attribute: 'type', value: 'button', buttons: keysOf(kind).join(' ') },
        // Letters and digits are characters, not words: the catalogue check skips them.
        { attribute: 'data-value-text', value: 'true', buttons: characterKeys.join(' ') },
        { attribute: 'aria-pressed', value: shifted ? 'true' : 'false', buttons: actionKeys.shift },
      ],
    });
  }, [kind, shifted, secret, t]);

  // Room for the keyboard: the page can scroll its last line above it, and the box is moved into view.
  useEffect(() => {
    if (target === null || host.current === null) return;
    const element = host.current;
    const update = () => {
      makeRoom(element.offsetHeight);
      keepFieldInView(target.field, element);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    window.addEventListener('resize', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
      makeRoom(0);
    };
  }, [target]);

  function press(key: string) {
    const current = targetRef.current;
    if (current === null) return;
    const { field } = current;
    const effect = keyEffect(field.value, key, field.maxLength);
    if (effect.kind === 'shift') setShifted((value) => !value);
    else if (effect.kind === 'done') done(field);
    else if (effect.kind === 'text') {
      setFieldText(field, effect.value);
      if (key !== actionKeys.backspace) setShifted(false);
    }
    // The tap may have moved focus to the key in some browsers: give it back, caret at the end.
    if (document.activeElement !== field && field.isConnected && effect.kind !== 'done') {
      field.focus({ preventScroll: true });
      caretToEnd(field);
    }
  }

  function done(field: TypedField) {
    const next = nextEmptyField(field, (element) => targetOf(element) !== null);
    if (next !== null) next.focus();
    else if (field.form !== null) field.form.requestSubmit();
    else setTarget(null);
  }

  return (
    <div
      ref={host}
      className="on-screen-keyboard"
      data-testid="on-screen-keyboard"
      data-keyboard={kind}
      // A named landmark of its own: it sits outside the step's main region.
      role="region"
      aria-label={t(kind === 'text' ? 'common.keyboard.name' : 'common.keyboard.digitPad')}
      // Latin keys in their usual order on every page, an Arabic one included.
      dir="ltr"
      hidden={target === null}
      // A tap on the keyboard must not take focus from the box being typed into.
      onMouseDown={(event) => event.preventDefault()}
    >
      {/* simple-keyboard owns this element's class and children. */}
      <div ref={keys} className="osk-keys-host" />
    </div>
  );
}
