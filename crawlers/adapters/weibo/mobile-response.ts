import { type BlockedPage, type FetchedPage, MalformedPageError } from '../../page.ts';

export type MobileReading = { json: Record<string, unknown> } | { blocked: BlockedPage };

/**
 * Reads an m.weibo.cn JSON answer, or names the block it is. m.weibo.cn answers an expired or
 * missing cookie in three ways besides HTTP 432 (which the fetcher turns into an error before
 * any adapter sees it): `{"ok":-100,"url":"https://passport.weibo.com/sso/signin?…"}`, or a login
 * / visitor HTML page with status 200. A body that is neither (truncated JSON) cannot be read.
 */
export function readMobileJson(page: FetchedPage): MobileReading {
  const body = page.body.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('<') || (!body.startsWith('{') && /html/i.test(page.contentType ?? ''))) {
    return {
      blocked: {
        reason: 'credential_expired',
        detail: `m.weibo.cn answered with an HTML page (login or visitor check) where JSON was expected: ${page.url}`,
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new MalformedPageError(page.url, `invalid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MalformedPageError(page.url, 'JSON is not an object');
  const json = value as Record<string, unknown>;
  const passport =
    typeof json.url === 'string' ? json.url.match(/passport\.weibo\.(?:com|cn)/)?.[0] : undefined;
  if (json.ok === -100 || passport) {
    return {
      blocked: {
        reason: 'credential_expired',
        detail: `m.weibo.cn wants a login (ok ${String(json.ok)}, to ${passport ?? 'an unnamed page'}): ${page.url}`,
      },
    };
  }
  return { json };
}

/** `data` of an m.weibo.cn answer, when it is an object. */
export function dataOf(json: Record<string, unknown>): Record<string, unknown> | null {
  const data = json.data;
  return typeof data === 'object' && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : null;
}
