import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { loadHtml } from '../../text/html-document.ts';
import { htmlText } from './field-text.ts';

/** Below this an article page is an empty shell (deleted, paywalled, a redirect notice), not a body. */
const MIN_ARTICLE_CHARS = 40;
/** A body much shorter than the feed's own summary is a caption or a sidebar, not the article. */
const MIN_SHARE_OF_SUMMARY = 0.8;

const NOISE = 'script, style, noscript, iframe, form, nav, header, footer, textarea, select';
const BLOCKS = 'article, main, section, div, td';

/**
 * The full text of a news article page: the first configured selector whose match reads as the
 * body, else the block with the most paragraph text (the usual "largest text block" fallback
 * for unknown layouts). Null when nothing on the page reads as the article.
 */
export function articleText(html: string, selectors: readonly string[], summary: string): string | null {
  const $ = loadHtml(html);
  $(NOISE).remove();
  const enough = (text: string) =>
    text.length >= Math.max(MIN_ARTICLE_CHARS, Math.floor(summary.length * MIN_SHARE_OF_SUMMARY));
  for (const selector of selectors) {
    const text = longestText($, $(selector).toArray());
    if (enough(text)) return text;
  }
  const block = largestTextBlock($);
  const text = block ? htmlText($(block).html() ?? '') : '';
  return enough(text) ? text : null;
}

function longestText($: CheerioAPI, elements: readonly AnyNode[]): string {
  return elements
    .map((element) => htmlText($(element).html() ?? ''))
    .reduce((best, text) => (text.length > best.length ? text : best), '');
}

/** Scores each block by the text in its own paragraphs and bare text, not its descendants'. */
function largestTextBlock($: CheerioAPI): Element | null {
  let best: Element | null = null;
  let bestScore = 0;
  for (const block of $(BLOCKS).toArray()) {
    const score = block.children.reduce((sum, child) => {
      if (child.type === 'text') return sum + child.data.trim().length;
      if (child.type === 'tag' && child.name === 'p') return sum + $(child).text().trim().length;
      return sum;
    }, 0);
    if (score > bestScore) {
      best = block;
      bestScore = score;
    }
  }
  return best;
}
