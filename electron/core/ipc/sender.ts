/**
 * What the router needs to know about who called: Electron's `event.senderFrame` in the shell,
 * Playwright's binding source frame in the preview host. Both are reduced to this.
 */
export interface SenderInfo {
  /** URL of the calling frame; must be on the kiosk's own origin. */
  url: string;
  /** Only the top-level frame may call; an iframe never can. */
  isMainFrame: boolean;
}
