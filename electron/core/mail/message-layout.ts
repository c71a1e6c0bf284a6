import { textDirection, type Language } from '../../../shared/i18n/languages.js';
import { findUrls } from './find-urls.js';
import { htmlText } from './html-text.js';
import { MailInputError } from './mail-errors.js';

/**
 * One description of a message renders both parts, so the text and HTML bodies cannot drift apart.
 * Blocks hold plain text only; markup exists nowhere but here, and every string is escaped on the
 * way into the HTML.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'code'; code: string }
  /** Labels come from the catalogue with their own colon ("Phone:", "Téléphone :"). */
  | { kind: 'facts'; rows: ReadonlyArray<readonly [label: string, value: string]> };

export interface MessageLayout {
  /** The reader's language: the HTML says it (and, for Arabic, that it reads right to left). */
  language: Language;
  subject: string;
  /** Small line above the heading, e.g. "IT Services, Example University". */
  sender: string;
  heading: string;
  blocks: readonly Block[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * A value (a phone number, an address, a kiosk id) keeps its own left-to-right order inside a
 * right-to-left sentence: isolated by FSI...PDI in the text part, by <bdi> in the HTML.
 */
const isolated = (value: string, rtl: boolean) => (rtl ? `\u2068${value}\u2069` : value);

function blockText(block: Block, rtl: boolean): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'code':
      return `    ${block.code}`;
    case 'facts':
      return block.rows.map(([label, value]) => `${label} ${isolated(value, rtl)}`).join('\n');
  }
}

const paragraphStyle = 'margin:0 0 16px';

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="${paragraphStyle}">${htmlText(block.text)}</p>`;
    case 'code':
      // letter-spacing separates the digits for the eye while the text stays the exact code to type.
      return `<p style="margin:0 0 16px;font-family:Consolas,'Courier New',monospace;font-size:32px;font-weight:bold;letter-spacing:6px">${htmlText(block.code)}</p>`;
    case 'facts':
      return `<p style="${paragraphStyle}">${block.rows
        .map(([label, value]) => `<strong>${htmlText(label)}</strong> <bdi>${htmlText(value)}</bdi>`)
        .join('<br>')}</p>`;
  }
}

export function renderMessage(layout: MessageLayout): RenderedEmail {
  const rtl = textDirection(layout.language) === 'rtl';
  const text = [layout.sender, layout.heading, ...layout.blocks.map((block) => blockText(block, rtl))].join('\n\n') + '\n';
  const html = [
    '<!doctype html>',
    `<html lang="${layout.language}" dir="${textDirection(layout.language)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${htmlText(layout.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f6f7f9;color:#111827;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border:1px solid #d1d5db">',
    `<p style="margin:0 0 16px;font-size:14px;color:#374151">${htmlText(layout.sender)}</p>`,
    `<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${htmlText(layout.heading)}</h1>`,
    ...layout.blocks.map(blockHtml),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  // Inputs are checked one by one already; this guards the whole message against a future template edit.
  for (const [part, body] of [['subject', layout.subject], ['text', text], ['html', html]] as const) {
    if (findUrls(body).length > 0 || /<a[\s>]|href/i.test(body)) {
      throw new MailInputError(part, 'the rendered message would contain a link');
    }
  }
  return { subject: layout.subject, text, html };
}
