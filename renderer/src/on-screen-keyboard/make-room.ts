import type { TypedField } from './field-text.js';

/** Space kept between a focused box and whatever is docked below it. */
const gap = 16;

/**
 * Tells the page how tall the keyboard is: the stylesheet pads the page by that much (so its last
 * line can scroll above the keyboard) and lifts a bar docked at the bottom onto it. 0: keyboard gone.
 */
export function makeRoom(height: number): void {
  const root = document.documentElement;
  root.classList.toggle('osk-open', height > 0);
  if (height > 0) root.style.setProperty('--osk-height', `${height}px`);
  else root.style.removeProperty('--osk-height');
}

/** The top of what is docked at the bottom of the screen: the keyboard, and a pinned action bar above it. */
function dockedTop(keyboard: HTMLElement): number {
  let top = keyboard.getBoundingClientRect().top;
  for (const bar of document.querySelectorAll<HTMLElement>('[data-testid="action-bar"]')) {
    const position = getComputedStyle(bar).position;
    if (position === 'sticky' || position === 'fixed') top = Math.min(top, bar.getBoundingClientRect().top);
  }
  return top;
}

function scrollsVertically(element: Element): boolean {
  return /(auto|scroll)/.test(getComputedStyle(element).overflowY) && element.scrollHeight > element.clientHeight;
}

/**
 * Scrolls the focused box (in whatever scrolls it: a panel or the page) until its bottom is above the
 * docked keyboard and bar, and its top below the top of the screen.
 */
export function keepFieldInView(field: TypedField, keyboard: HTMLElement): void {
  field.scrollIntoView({ block: 'nearest' });
  let overlap = field.getBoundingClientRect().bottom + gap - dockedTop(keyboard);
  for (let element = field.parentElement; element !== null && overlap > 0; element = element.parentElement) {
    if (!scrollsVertically(element)) continue;
    const before = element.scrollTop;
    element.scrollTop = before + overlap;
    overlap -= element.scrollTop - before;
  }
  const page = document.scrollingElement;
  if (overlap > 0 && page !== null) page.scrollTop += overlap;
}
