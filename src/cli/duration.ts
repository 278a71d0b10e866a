/** `90m`, `2h`, `1d`, `30s` as milliseconds; null when it is not one. */
export function parseDuration(text: string): number | null {
  const match = text.trim().match(/^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/);
  if (!match) return null;
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  const ms = Number(match[1]) * unit;
  return ms > 0 ? ms : null;
}
