import { decodeHTML } from 'entities';
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/**
 * Text as the rules see it: HTML entities decoded (&amp; → &), traditional characters made
 * simplified (討薪 → 讨薪), full-width letters and digits folded to half-width (３０名 → 30名),
 * Latin lower-cased, runs of whitespace collapsed. Chinese punctuation such as 。 and 、 is kept
 * because it separates clauses.
 */
export function normalizeText(text: string): string {
  const decoded = text.includes('&') ? decodeHTML(text) : text;
  return toSimplified(decoded.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}
