import { type BlockedPage, type FetchedPage, MalformedPageError } from '../../page.ts';

/** The answer of a signed API call, sorted into content, a block, or a refusal of this one call. */
export type ApiAnswer =
  | { kind: 'ok'; json: Record<string, unknown> }
  | { kind: 'blocked'; blocked: BlockedPage }
  | { kind: 'refused'; detail: string };

const CAPTCHA = /验证码|captcha|geetest|滑块|安全验证/i;

/**
 * Reads the `{code, msg, …}` envelope. SN0006 is how the API answers a signature it does not
 * accept (HTTP 200 all the same), so it blocks the source rather than looking like "no posts".
 */
export function readApiAnswer(page: FetchedPage): ApiAnswer {
  if (page.body.trimStart().startsWith('<')) {
    if (CAPTCHA.test(page.body)) {
      return {
        kind: 'blocked',
        blocked: { reason: 'captcha', detail: 'the API answered with a captcha page' },
      };
    }
    throw new MalformedPageError(page.url, 'HTML where the API answers JSON');
  }
  let json: unknown;
  try {
    json = JSON.parse(page.body);
  } catch (error) {
    throw new MalformedPageError(page.url, `API JSON does not parse (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || !('code' in json)) {
    throw new MalformedPageError(page.url, 'API JSON without a code');
  }
  const { code, msg } = json as { code: unknown; msg?: unknown };
  if (code === 0 || code === '0') return { kind: 'ok', json: json as Record<string, unknown> };
  const answer = `code ${String(code)}${typeof msg === 'string' && msg ? ` "${msg}"` : ''}`;
  if (code === 'SN0006') {
    return {
      kind: 'blocked',
      blocked: {
        reason: 'forbidden',
        detail: `signature refused (${answer}): the site's signing scheme or app_code may have changed; re-extract them from its /pcjs/app.*.js`,
      },
    };
  }
  return { kind: 'refused', detail: `API refused the request (${answer})` };
}
