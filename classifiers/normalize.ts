/**
 * Text as the rules see it: full-width letters and digits folded to half-width (３０名 → 30名),
 * compatibility forms unified, Latin lower-cased, runs of whitespace collapsed. Chinese
 * punctuation such as 。 and 、 is kept because it separates clauses.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
