/**
 * Decoding of fetched bytes. Chinese government sites often declare GB2312 (or nothing) while
 * serving GBK; GB18030 is a superset of both, so every GB name decodes as GB18030.
 */

const GB_NAMES = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'euc-cn']);

/**
 * The charset to decode with: byte-order mark, then header, then `<meta>`, then the source's
 * fallback. Sites get this wrong both ways, so UTF-8 is checked rather than trusted: a page that
 * is not valid UTF-8, whether declared so or undeclared, is read as GB18030 (the GBK family is
 * what such pages are in practice), unless the source names another fallback.
 */
export function detectCharset(bytes: Uint8Array, contentType: string | null, fallback: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  const declared = charsetParam(contentType) ?? metaCharset(bytes);
  const chosen = canonical(declared ?? fallback);
  if (chosen !== 'utf-8' || isValidUtf8(bytes)) return chosen;
  const other = canonical(fallback);
  return other === 'utf-8' ? 'gb18030' : other;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function decodeBody(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function canonical(name: string): string {
  const lower = name.trim().toLowerCase();
  if (GB_NAMES.has(lower)) return 'gb18030';
  return lower === 'utf8' ? 'utf-8' : lower;
}

function charsetParam(contentType: string | null): string | null {
  const match = contentType?.match(/charset\s*=\s*["']?([\w-]+)/i);
  return match?.[1] ?? null;
}

/** Looks at the first 2 KB only, as browsers do, decoded as Latin-1 so any charset's ASCII reads. */
function metaCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const match =
    head.match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i) ??
    head.match(/<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i);
  return match?.[1] ?? null;
}

/**
 * Picks the charset and decodes in one go: a page taken as UTF-8 is decoded strictly once, and
 * only if that fails is it read again in the GB family (see `detectCharset`).
 */
export function decodePage(
  bytes: Uint8Array,
  contentType: string | null,
  fallback: string,
): { charset: string; text: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { charset: 'utf-8', text: decodeBody(bytes, 'utf-8') };
  const declared = charsetParam(contentType) ?? metaCharset(bytes);
  const chosen = canonical(declared ?? fallback);
  if (chosen !== 'utf-8') return { charset: chosen, text: decodeBody(bytes, chosen) };
  try {
    return { charset: 'utf-8', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const other = canonical(fallback);
    const charset = other === 'utf-8' ? 'gb18030' : other;
    return { charset, text: decodeBody(bytes, charset) };
  }
}
