/**
 * Regex search made cheap for the extractors: V8 tries a pattern that opens with a character
 * class or an alternation at every position of the text, so this starts the search only near
 * where a match can be.
 *
 * The first match of global `pattern` from `from`, when every match ends in an `anchor` that
 * starts at most `reach` characters after the match does (a place name is a few characters and
 * then 村 or 镇): the search starts a `reach` before the first anchor instead of at `from`.
 * `anchor` and `pattern` must carry the `g` flag.
 */
export function firstMatchBefore(
  text: string,
  anchor: RegExp,
  pattern: RegExp,
  reach: number,
  from = 0,
): RegExpExecArray | null {
  anchor.lastIndex = from;
  const found = anchor.exec(text);
  if (!found) return null;
  pattern.lastIndex = Math.max(from, found.index - reach);
  return pattern.exec(text);
}
