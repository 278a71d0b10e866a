/**
 * A short excerpt of `text` around the first query word, with every query word marked
 * 【like this】. Both store adapters use it, so monitors see the same excerpt whichever is in use.
 */
export function highlight(text: string, words: readonly string[], width = 80): string | null {
  const needles = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return null;
  const lower = text.toLowerCase();
  const first = Math.min(...needles.map((w) => lower.indexOf(w.toLowerCase())).filter((at) => at >= 0));
  if (!Number.isFinite(first)) return null;
  const start = Math.max(0, first - Math.floor(width / 4));
  const end = Math.min(text.length, start + width);
  let excerpt = text.slice(start, end);
  const pattern = new RegExp(needles.map(escapeRegExp).join('|'), 'gi');
  excerpt = excerpt.replace(pattern, (hit) => `【${hit}】`);
  return `${start > 0 ? '…' : ''}${excerpt}${end < text.length ? '…' : ''}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
