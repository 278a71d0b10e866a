import type { BlockedPage } from '../../page.ts';

/** Markers only a captcha interstitial carries. */
const CAPTCHA_WIDGET = /geetest|captcha/i;
/** Sina's login page: a password field or the passport/login hosts. */
const LOGIN = /type\s*=\s*["']?password|passport\.sina\.c|login\.sina\.com\.cn/i;
const CAPTCHA_TEXT = /验证码|安全验证/;

/**
 * What an HTML answer in place of content means, or null when it is no known challenge.
 * The captcha widget is checked first because a challenge page may link to the login page;
 * the bare word 验证码 last because Sina's login form has a 验证码 field of its own.
 */
export function challengeOf(html: string): BlockedPage | null {
  if (CAPTCHA_WIDGET.test(html)) return captcha('a captcha widget (geetest)');
  if (LOGIN.test(html)) {
    return {
      reason: 'credential_expired',
      detail: 'the site answered with its login page: the Sina login cookie is missing or expired',
    };
  }
  if (CAPTCHA_TEXT.test(html)) return captcha('a 验证码 prompt');
  return null;
}

function captcha(what: string): BlockedPage {
  return { reason: 'captcha', detail: `the site answered with ${what} instead of content` };
}
