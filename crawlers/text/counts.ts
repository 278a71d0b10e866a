/**
 * Counts as platforms print them: 12, "1,024", "1.2万", "100万+", "3亿", or the label itself
 * ("转发", "评论", "赞") when the count is zero. Null when there is no count to read.
 */
export function parseCount(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? Math.round(raw) : null;
  const text = raw.replace(/[\s,+]/g, '');
  if (!text) return null;
  const match = text.match(/(\d+(?:\.\d+)?)(万|亿|w|W|k|K)?/);
  if (!match) return /^(转发|评论|赞|点赞|回复|分享)$/.test(text) ? 0 : null;
  const unit = { 万: 1e4, w: 1e4, W: 1e4, 亿: 1e8, k: 1e3, K: 1e3 }[match[2] ?? ''] ?? 1;
  return Math.round(Number(match[1]) * unit);
}
