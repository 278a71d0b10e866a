import { createHash, randomBytes } from 'node:crypto';

/**
 * The salt the site's search page mixes into every signature. It lives in the site's JS and
 * changes when that JS is rebuilt, so it is an option: when the API starts refusing
 * signatures, re-extract it from the page's script and set `secret` in the source file.
 */
export const HEIMAO_DEFAULT_SECRET = '$d6eb7ff91ee257475%';

const NONCE_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Bytes at or above this would favour the first letters of the alphabet. */
const UNBIASED_LIMIT = 256 - (256 % NONCE_ALPHABET.length);

export interface SearchSignatureInput {
  ts: string;
  rs: string;
  secret: string;
  keywords: string;
  pageSize: number;
  page: number;
}

/**
 * `sha256` of the request's values sorted as strings and joined, as the site's JS computes it:
 * JavaScript's default sort (UTF-16 code units), so the order does not depend on how the
 * parts are listed.
 */
export function signParts(parts: readonly (string | number)[]): string {
  const joined = parts.map(String).sort().join('');
  return createHash('sha256').update(joined, 'utf8').digest('hex');
}

/** The `signature` query value of one keyword-search page. */
export function searchSignature(input: SearchSignatureInput): string {
  return signParts([input.ts, input.rs, input.secret, input.keywords, input.pageSize, input.page]);
}

/** The `rs` value: 16 characters of [0-9a-zA-Z], like the site's own generator. */
export function randomNonce(length = 16): string {
  let nonce = '';
  while (nonce.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_LIMIT && nonce.length < length)
        nonce += NONCE_ALPHABET[byte % NONCE_ALPHABET.length];
    }
  }
  return nonce;
}
