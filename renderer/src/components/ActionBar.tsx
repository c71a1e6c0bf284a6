import type { ReactNode } from 'react';
import { StartOverButton } from './StartOverButton.js';

/**
 * A step's main action(s) and "Start over", in one bar that stays in view at every screen size
 * (issue 12, item 1): on a short landscape screen the step's content scrolls, the bar does not.
 * A form's submit button placed here names its form with the `form` attribute.
 */
export function ActionBar({ children, startOver = true }: { children?: ReactNode; startOver?: boolean }) {
  return (
    <div className="action-bar" data-testid="action-bar">
      {children}
      {startOver ? <StartOverButton /> : null}
    </div>
  );
}
