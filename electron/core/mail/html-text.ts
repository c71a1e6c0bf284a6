/** Building blocks for the HTML part: every interpolated value goes through `htmlText`. */

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/**
 * Mail clients turn anything that looks like an address or a domain into a link on their own
 * (Gmail per text node, Apple Mail's data detectors on the rendered text). Splitting every "@" and
 * every "." between letters or digits into its own element with zero-width non-joiners around it
 * defeats both, while the reader still sees the address unchanged. The text part keeps it plain.
 */
function defuseAutoLinks(escaped: string): string {
  return escaped.replace(/(?<=[\p{L}\p{N}_%+-])(@(?=[\p{L}\p{N}])|\.(?=\p{L}))/gu, '<span>&zwnj;$1&zwnj;</span>');
}

/** A plain value, escaped for HTML and unable to become a link. */
export function htmlText(value: string): string {
  return defuseAutoLinks(escapeHtml(value));
}
