import type { BlockedPage } from '../../page.ts';

/**
 * Marks of Baidu's challenge pages: the 百度安全验证 page, the `wappass.baidu.com` captcha and
 * login host, and its `tuxing.html` slider (FORMATS.md §5). Normal pages link to the login host
 * too, so this is only asked about pages that lack the content they were fetched for.
 */
const MARKERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/<title>\s*百度安全验证\s*<\/title>/i, '百度安全验证 page'],
  [/wappass\.baidu\.com\/static\/captcha/i, 'wappass captcha'],
  [/tuxing\.html/i, 'tuxing slider captcha'],
  [/wappass\.baidu\.com/i, 'wappass login/verification page'],
  [/百度安全验证|安全验证/, 'security verification text'],
];

/** The block this page is, or null when it is not one of Baidu's challenge pages. */
export function challengeOf(body: string): BlockedPage | null {
  for (const [pattern, what] of MARKERS) {
    if (pattern.test(body)) return { reason: 'captcha', detail: `tieba answered with a ${what}` };
  }
  return null;
}
