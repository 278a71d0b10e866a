import type { Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { htmlToText, tidy } from '../../text/html-text.ts';

/**
 * Readable text of a feed element. Feeds carry plain text (中新网: a newline and two U+3000
 * before each paragraph, where line breaks are the writer's), escaped or CDATA HTML, or
 * Atom's inline XHTML; markup is folded like a browser would, plain text keeps its lines.
 */
export function fieldText(element: Cheerio<AnyNode>): string {
  if (element.length === 0) return '';
  const inline = element.children().length > 0;
  const raw = inline ? (element.html() ?? '') : element.text();
  return looksLikeHtml(raw) || inline ? htmlText(raw) : tidy(raw);
}

/**
 * Text of an HTML fragment whose own line breaks are only markup indentation. Blank lines left
 * by emptied blocks (ad slots, removed scripts) go too: paragraphs are one line each.
 */
export function htmlText(html: string): string {
  return htmlToText(html.replace(/[ \t\r\n]+/g, ' ')).replace(/\n{2,}/g, '\n');
}

function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][\w:-]*(?:\s[^>]*)?\/?>|&[a-z]+;|&#\d+;/i.test(text);
}
