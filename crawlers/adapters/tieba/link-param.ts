import iconv from 'iconv-lite';

/**
 * A query parameter of a Tieba link, decoded. Search result links carry `kw`/`un` as GBK bytes
 * (`un=%8F%EC` is 忟), which `URLSearchParams` would turn into replacement characters; a link
 * that says `ie=utf-8` is UTF-8. Null when the parameter is absent or does not decode cleanly.
 */
export function linkParam(href: string | undefined, name: string): string | null {
  if (!href) return null;
  const raw = href.match(paramPattern(name))?.[1];
  if (!raw) return null;
  const bytes = percentBytes(raw);
  if (!bytes) return null;
  const utf8 = /[?&]ie=utf-?8(?:&|#|$)/i.test(href);
  const text = utf8 ? bytes.toString('utf8') : iconv.decode(bytes, 'gb18030');
  const trimmed = text.trim();
  return trimmed && !trimmed.includes('\ufffd') ? trimmed : null;
}

/** `%XX` escapes as bytes, `+` as a space, anything else as its UTF-8; null on a broken escape. */
function percentBytes(raw: string): Buffer | null {
  if (/%(?![0-9a-fA-F]{2})/.test(raw)) return null;
  const spaced = raw.replaceAll('+', ' ');
  // Links are ASCII with escapes: each escape becomes one latin1 character, that is one byte.
  if (/^[\x20-\x7e]*$/.test(spaced))
    return Buffer.from(
      spaced.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      'latin1',
    );
  const chunks: Buffer[] = [];
  for (const [, hex, literal] of spaced.matchAll(/%([0-9a-fA-F]{2})|([^%]+)/g)) {
    chunks.push(
      hex !== undefined ? Buffer.of(Number.parseInt(hex, 16)) : Buffer.from(literal as string, 'utf8'),
    );
  }
  return Buffer.concat(chunks);
}

const patterns = new Map<string, RegExp>();
function paramPattern(name: string): RegExp {
  let pattern = patterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`[?&]${name}=([^&#]*)`);
    patterns.set(name, pattern);
  }
  return pattern;
}
