import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';

const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'blockquote',
]);

/**
 * Text of an HTML fragment as a reader sees it: tags stripped, `<br>` and block ends as line
 * breaks, emoji images as their alt text (`[doge]`, `[怒]`), entities decoded, whitespace tidied.
 * Script and style contents are dropped.
 */
export function htmlToText(html: string): string {
  const $ = cheerio.load(`<body>${html}</body>`);
  const parts: string[] = [];
  const walk = (node: AnyNode) => {
    if (node.type === 'text') parts.push(node.data);
    else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const name = node.name.toLowerCase();
      if (name === 'script' || name === 'style') return;
      if (name === 'br') return void parts.push('\n');
      if (name === 'img') return void parts.push(node.attribs.alt ?? '');
      for (const child of node.children) walk(child);
      if (BLOCKS.has(name)) parts.push('\n');
    }
  };
  for (const node of $('body').contents().toArray()) walk(node);
  return tidy(parts.join(''));
}

/** Collapses runs of spaces (ideographic spaces included) and blank lines; trims every line. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
    .join('\n')
    .trim();
}
