import { createHash } from 'node:crypto';

const MAX_READABLE = 200;

/**
 * A feed item's native id, from its guid (Atom `id`) or else its link. A URL gives its path and
 * query: readable in logs, and stable when a site moves between http and https or between host
 * aliases (中新网 serves both chinanews.com and chinanews.com.cn). Anything too long, empty or
 * with spaces becomes a short SHA-256 of the whole value, which is just as stable.
 */
export function feedItemId(guid: string | null, link: string | null): string | null {
  const value = guid?.trim() || link?.trim();
  if (!value) return null;
  const readable = urlPath(value) ?? value;
  if (readable && readable.length <= MAX_READABLE && !/\s/.test(readable)) return readable;
  return createHash('sha256').update(value).digest('hex').slice(0, 24);
}

function urlPath(value: string): string | null {
  if (!/^https?:\/\//i.test(value)) return null;
  try {
    const url = new URL(value);
    return `${url.pathname.replace(/^\/+/, '')}${url.search}`;
  } catch {
    return null;
  }
}
