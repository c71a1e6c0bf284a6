/** Decorative: every icon sits next to words that say the same thing. */
export function TickIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="11" className="icon-disc" />
      <path d="M6.5 12.5l3.5 3.5 7.5-8" className="icon-mark" />
    </svg>
  );
}

export function CrossIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="11" className="icon-disc" />
      <path d="M8 8l8 8M16 8l-8 8" className="icon-mark" />
    </svg>
  );
}

/** "Not checked yet": a hollow ring, neither a tick nor a cross, so nothing looks judged before it is. */
export function PendingIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9.5" className="icon-ring" />
      <circle cx="12" cy="12" r="3" className="icon-dot" />
    </svg>
  );
}
