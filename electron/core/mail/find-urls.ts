/**
 * Detectors for anything a reader could click. IT Services never emails a link about passwords, so
 * every message must be free of them; tests (ours and other engineers') assert it with these.
 */

const urlPatterns: readonly RegExp[] = [
  // Any scheme URL: http://, https://, ftp://, file://, custom-app://
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"']*/gi,
  // Protocol-relative: //cdn.example.com/x
  /(?<![\w:/])\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>"']*/gi,
  /\bwww\.[^\s<>"']*/gi,
  // Schemes without slashes that mail clients and browsers still open.
  /\b(?:mailto|javascript|vbscript):[^\s<>"']*/gi,
  /\bdata:[a-z]+\/[^\s<>"']*/gi,
  // "tel:" and "sms:" only when a number follows directly, so a label like "Tel: 0123" is not a URL.
  /\b(?:tel|sms|callto):\+?[0-9][^\s<>"']*/gi,
  // A bare host followed by a path or port: example.ac.uk/reset, 10.0.0.1:8080
  /\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::[0-9]+)?\/[^\s<>"']*/gi,
  /\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?::[0-9]+|\/)[^\s<>"']*/g,
];

/**
 * Every URL-like run in `text`, in order of appearance: scheme URLs, protocol-relative URLs, www.,
 * mailto:/javascript:/data:/tel: URLs, and bare hosts followed by a path or port. A plain email
 * address ("desk@example.ac.uk") is not a URL and is not reported: the text part may show one.
 */
export function findUrls(text: string): string[] {
  const found: { index: number; value: string }[] = [];
  for (const pattern of urlPatterns) {
    for (const match of text.matchAll(pattern)) {
      found.push({ index: match.index, value: match[0] });
    }
  }
  found.sort((a, b) => a.index - b.index);
  // One URL can match several patterns (https://www.x.org/ is also "www." and "host/path"): keep the first, longest.
  const distinct: { index: number; value: string }[] = [];
  for (const candidate of found) {
    const last = distinct.at(-1);
    if (last && candidate.index < last.index + last.value.length) continue;
    distinct.push(candidate);
  }
  return distinct.map((entry) => entry.value);
}

/**
 * Email addresses and bare domain names ("desk@example.ac.uk", "example.ac.uk") that a mail client
 * would turn into a link on its own. The HTML part must contain none of them as contiguous text.
 */
export function findAutoLinkableText(text: string): string[] {
  const label = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`;
  const host = String.raw`(?:${label}\.)+\p{L}{2,}`;
  const pattern = new RegExp(String.raw`[\p{L}\p{N}._%+-]+@${host}|(?<![\p{L}\p{N}.-])${host}(?![\p{L}\p{N}-])`, 'gu');
  return [...text.matchAll(pattern)].map((match) => match[0]);
}
