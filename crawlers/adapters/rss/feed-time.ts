import { parsePublishedTime } from '../../text/published-time.ts';

/**
 * A feed's `pubDate` / `published` / `updated`. Chinese feeds bend the standards: Atom times
 * without an offset (read as Shanghai time, like every source here), fractions of a second with
 * no offset, `+08:00` in an RFC 822 date, and `CST` meaning China Standard Time.
 */
export function feedTime(raw: string | null, fetchedAt: Date): string | null {
  if (!raw) return null;
  const text = raw
    .trim()
    .replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)\.\d+$/, '$1')
    .replace(/(\d{2}:\d{2}(?::\d{2})?)\s+(?:CST|GMT\+0?8(?::?00)?)$/i, '$1 +0800')
    .replace(/(\d{2}:\d{2}(?::\d{2})?)\s+([+-]\d{2}):(\d{2})$/, '$1 $2$3');
  return parsePublishedTime(text, fetchedAt);
}
