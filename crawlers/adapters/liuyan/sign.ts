import { createHash } from 'node:crypto';

/** The app code the site's pages carry in `window.SITE_CONFIG`; a site rebuild may change it. */
export const LIUYAN_DEFAULT_APP_CODE = 'PC42ce3bfa4980a9';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * The `signature` the site's front end sends: md5 of the path without its query, the exact
 * `param` string, the first 16 hex digits of md5(token, or appCode when anonymous), and the
 * token. The server hashes the `param` string it receives, so any change of key order or
 * spacing in `param` must go through here unchanged.
 */
export function liuyanSignature(url: string, param: string, appCode: string, token = ''): string {
  const path = url.split('?')[0] ?? url;
  const key = md5(token || appCode).slice(0, 16);
  return md5(`${path}${param}${key}${token}`);
}

/** The POST body: `{appCode, token, signature, param}` in the front end's key order. */
export function signedBody(url: string, param: string, appCode: string): string {
  const signature = liuyanSignature(url, param, appCode);
  return JSON.stringify({ appCode, token: '', signature, param });
}
