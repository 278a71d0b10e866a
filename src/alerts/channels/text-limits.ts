const encoder = new TextEncoder();

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Cuts text to at most `maxBytes` of UTF-8 without splitting a character, marking the cut with
 * `…（已截断）` so nobody mistakes a trimmed message for a whole one.
 */
export function trimToBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const mark = '…（已截断）';
  const budget = maxBytes - utf8Bytes(mark);
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8Bytes(char);
    if (used + size > budget) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end) + mark;
}

/**
 * Splits text into parts of at most `maxBytes` each, at line breaks where it can, so a long
 * digest goes out as several messages rather than being cut.
 */
export function splitToBytes(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (utf8Bytes(candidate) <= maxBytes) {
      current = candidate;
      continue;
    }
    if (current) parts.push(current);
    current = utf8Bytes(line) <= maxBytes ? line : trimToBytes(line, maxBytes);
  }
  if (current) parts.push(current);
  return parts;
}
