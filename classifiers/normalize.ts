import { decodeHTML } from 'entities';
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/**
 * The characters that traditional-to-simplified conversion changes, worked out once so that the
 * great majority of texts, already simplified, skip the conversion (it costs as much as a
 * third of segmentation).
 */
const FIRST = 0x3400;
const LAST = 0x9fff;
const TRADITIONAL = (() => {
  const table = new Uint8Array(LAST - FIRST + 1);
  for (let code = FIRST; code <= LAST; code++) {
    const char = String.fromCharCode(code);
    if (toSimplified(char) !== char) table[code - FIRST] = 1;
  }
  return table;
})();

function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= FIRST && code <= LAST && TRADITIONAL[code - FIRST] === 1) return true;
  }
  return false;
}

/**
 * Text as the rules see it: HTML entities decoded (&amp; → &), traditional characters made
 * simplified (討薪 → 讨薪), full-width letters and digits folded to half-width (３０名 → 30名),
 * Latin lower-cased, runs of whitespace collapsed. Chinese punctuation such as 。 and 、 is kept
 * because it separates clauses.
 */
export function normalizeText(text: string): string {
  const decoded = text.includes('&') ? decodeHTML(text) : text;
  const folded = decoded.normalize('NFKC');
  const simplified = hasTraditional(folded) ? toSimplified(folded) : folded;
  return simplified.toLowerCase().replace(/\s+/g, ' ').trim();
}
