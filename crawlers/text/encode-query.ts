import iconv from 'iconv-lite';

/**
 * Percent-encodes a query value in the site's charset: classic government boards and Tieba
 * links want GBK bytes (区县信箱 → %C7%F8%CF%D8%D0%C5%CF%E4), everything else UTF-8.
 */
export function encodeQueryValue(value: string, charset = 'utf-8'): string {
  const name = charset.toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return encodeURIComponent(value);
  const bytes = iconv.encode(value, /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(name) ? 'gb18030' : name);
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A query string from pairs, each value encoded in the site's charset. */
export function buildQuery(params: Readonly<Record<string, string | number>>, charset = 'utf-8'): string {
  return Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeQueryValue(String(value), charset)}`)
    .join('&');
}
