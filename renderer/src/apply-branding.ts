import type { KioskInfo } from '../../shared/ipc/contract.js';
import { readableTextColour } from './readable-text-colour.js';

/**
 * Brand colours become CSS variables through the CSSOM, which the CSP's `style-src 'self'` allows
 * (a style attribute or <style> element would be blocked).
 */
export function applyBranding(info: KioskInfo): void {
  const root = document.documentElement.style;
  const { primary, accent, background, text } = info.colours;
  root.setProperty('--brand-primary', primary);
  root.setProperty('--brand-on-primary', readableTextColour(primary));
  root.setProperty('--brand-accent', accent);
  root.setProperty('--brand-on-accent', readableTextColour(accent));
  root.setProperty('--brand-background', background);
  root.setProperty('--brand-text', text);
  document.title = `${info.departmentName}: password and account help`;
}
