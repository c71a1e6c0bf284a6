import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { StartOverButton } from './StartOverButton.js';

/**
 * A step's main action(s) and "Start over", in one bar that stays in view at every screen size
 * (issue 12, item 1): on a short landscape screen the step's content scrolls, the bar does not.
 * A form's submit button placed here names its form with the `form` attribute.
 */
export function ActionBar({ children, startOver = true }: { children?: ReactNode; startOver?: boolean }) {
  const bar = useRef<HTMLDivElement>(null);
  useBarHeightForScrolling(bar);
  return (
    <div className="action-bar" data-testid="action-bar" ref={bar}>
      {children}
      {startOver ? <StartOverButton /> : null}
    </div>
  );
}

/**
 * The bar covers the bottom of the viewport, so a field focused (or scrolled to) must stop above it:
 * the page's scroll-padding-bottom follows the bar's height, which grows when its buttons wrap.
 */
function useBarHeightForScrolling(bar: { current: HTMLDivElement | null }): void {
  useEffect(() => {
    const element = bar.current;
    if (element === null) return undefined;
    const root = document.documentElement;
    const note = () => root.style.setProperty('--action-bar-height', `${Math.ceil(element.getBoundingClientRect().height)}px`);
    note();
    const observer = new ResizeObserver(note);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--action-bar-height');
    };
  }, [bar]);
}
