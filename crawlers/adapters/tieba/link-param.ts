import iconv from 'iconv-lite';

/**
 * A query parameter of a Tieba link, decoded. Search result links carry `kw`/`un` as GBK bytes
 * (`un=%8F%EC` is 忟), which `URLSearchParams` would turn into replacement characters; a link
 * that says `ie=utf-8` is UTF-8. Null when the parameter is absent or does not decode cleanly.
 */
export function linkParam(href: string | undefined, name: string): string | null {
  if (!href) return null;
  const raw = href.match(new RegExp(`[?&]${name}=([^&#]*)`))?.[1];
  if (!raw) return null;
  const bytes = percentBytes(raw);
  if (!bytes) return null;
  const utf8 = /[?&]ie=utf-?8(?:&|#|$)/i.test(href);
  const text = utf8 ? bytes.toString('utf8') : iconv.decode(bytes, 'gb18030');
  const trimmed = text.trim();
  return trimmed && !trimmed.includes('\ufffd') ? trimmed : null;
}

function percentBytes(raw: string): Buffer | null {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char === '%') {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (char === '+') bytes.push(0x20);
    else bytes.push(...Buffer.from(char, 'utf8'));
  }
  return Buffer.from(bytes);
}
