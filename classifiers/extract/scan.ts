/**
 * Regex search made cheap for the extractors. V8 tries a pattern that opens with a character
 * class or an alternation at every position of the text, which costs more than segmenting it;
 * these helpers try the pattern only where a match can start.
 */

/**
 * A set of UTF-16 code units as a bit set: one read per character, and at 8 KB small enough to
 * stay in the cache between posts (segmentation evicts a 64 KB byte table).
 */
export type CharTable = Uint32Array;

export function charTable(chars: string): CharTable {
  const table = new Uint32Array(0x10000 >>> 5);
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    table[code >>> 5] = (table[code >>> 5] as number) | (1 << (code & 31));
  }
  return table;
}

export function hasCode(table: CharTable, code: number): boolean {
  return (((table[code >>> 5] as number) >>> (code & 31)) & 1) === 1;
}

/**
 * An alternation of words as a sticky pattern plus the characters its matches start with. Each
 * word must open with a literal character (the rest may be any pattern), or a match could start
 * where the table says none can.
 */
export function alternation(words: readonly string[], then = ''): { starts: CharTable; pattern: RegExp } {
  for (const word of words)
    if (!word || '\\[(.?*+{|^$'.includes(word[0] as string))
      throw new Error(`"${word}" does not open with a literal character`);
  return {
    starts: charTable(words.map((word) => word[0]).join('')),
    pattern: new RegExp(`(?:${words.join('|')})${then}`, 'y'),
  };
}

export function inTable(table: CharTable, text: string, at: number): boolean {
  return hasCode(table, text.charCodeAt(at));
}

/**
 * The matches a global search with `sticky`'s pattern finds, leftmost first and never
 * overlapping, when every match starts with a character of `starts`: the pattern is tried
 * only at those characters. `sticky` must carry the `y` flag.
 */
export function matchesStartingWith(text: string, starts: CharTable, sticky: RegExp): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (let at = 0; at < text.length; at++) {
    if (!hasCode(starts, text.charCodeAt(at))) continue;
    sticky.lastIndex = at;
    const match = sticky.exec(text);
    if (!match) continue;
    found.push(match);
    // A global search goes on after the match (after the character, for an empty one).
    at = Math.max(at, sticky.lastIndex - 1);
  }
  return found;
}

/** The first match `matchesStartingWith` would find, or null. */
export function firstMatchStartingWith(
  text: string,
  starts: CharTable,
  sticky: RegExp,
): RegExpExecArray | null {
  for (let at = 0; at < text.length; at++) {
    if (!hasCode(starts, text.charCodeAt(at))) continue;
    sticky.lastIndex = at;
    const match = sticky.exec(text);
    if (match) return match;
  }
  return null;
}

/**
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
