import type * as cheerio from 'cheerio';
import { type BlockedPage, type FetchedPage, MalformedPageError } from '../../page.ts';
import { loadHtml } from '../../text/html-document.ts';

export type SearchPageReading = { blocked: BlockedPage } | { $: cheerio.CheerioAPI; empty: boolean };

/** A result card of either layout; `mid` is checked per card so a card without one is reported. */
export const CARD = 'div.card-wrap[action-type="feed_list_item"]';
const CAPTCHA = /passport\.weibo\.(?:com|cn)\/verify/i;
const CAPTCHA_TITLE = /验证码|安全验证|captcha/i;
const LOGIN = /passport\.weibo\.(?:com|cn)|login\.sina\.com\.cn|Sina Visitor System/i;
const LOGIN_TITLE = /登录|通行证|visitor/i;

/**
 * Tells a search page from everything else s.weibo.com answers with 200. Results or the "no
 * result" card make a search page, whatever links it holds (a logged-in page links to
 * passport.weibo.com too); only without them do login, visitor and captcha markers count. A
 * page that is none of these cannot be read, and says so rather than pass for "no posts".
 */
export function readSearchPage(page: FetchedPage): SearchPageReading {
  const $ = loadHtml(page.body);
  if ($(CARD).length > 0) return { $, empty: false };
  if ($('div.card-no-result').length > 0) return { $, empty: true };
  const title = $('title').text();
  if (CAPTCHA.test(page.url) || CAPTCHA.test(page.body) || CAPTCHA_TITLE.test(title))
    return {
      blocked: { reason: 'captcha', detail: `s.weibo.com answered with a verification page: ${page.url}` },
    };
  if (LOGIN.test(page.url) || LOGIN.test(page.body) || LOGIN_TITLE.test(title))
    return {
      blocked: {
        reason: 'credential_expired',
        detail: `s.weibo.com answered with a login page: ${page.url}`,
      },
    };
  if ($('#pl_feedlist_index').length > 0) return { $, empty: true };
  throw new MalformedPageError(page.url, 'neither search results, nor "no result", nor a known block page');
}
