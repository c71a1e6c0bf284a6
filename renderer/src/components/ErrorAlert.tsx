import type { ReactNode } from 'react';

/**
 * The one place a screen's errors appear. The alert region stays in the page even when empty, so
 * text placed into it is announced by screen readers.
 */
export function ErrorAlert({ message, children }: { message: string | null; children?: ReactNode }) {
  return (
    <div role="alert" className="error-alert">
      {message === null ? null : (
        <>
          <p>{message}</p>
          {children}
        </>
      )}
    </div>
  );
}
