import { describe, expect, it } from 'vitest';
import { decodeBody, detectCharset } from '../../crawlers/charset.ts';

// 区县信箱 in GBK, the example query in FORMATS.md.
const GBK_TEXT = Buffer.from([0xc7, 0xf8, 0xcf, 0xd8, 0xd0, 0xc5, 0xcf, 0xe4]);

describe('charset detection', () => {
  const page = (head: string, body: Buffer) => Buffer.concat([Buffer.from(head, 'latin1'), body]);

  it('prefers a byte-order mark over everything', () => {
    expect(detectCharset(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'text/html; charset=gbk', 'gb2312')).toBe(
      'utf-8',
    );
  });

  it('reads the header, then <meta>, then falls back', () => {
    expect(detectCharset(Buffer.from('<p>x</p>'), 'text/html; charset="GB2312"', 'utf-8')).toBe('gb18030');
    expect(
      detectCharset(
        page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', GBK_TEXT),
        'text/html',
        'utf-8',
      ),
    ).toBe('gb18030');
    expect(detectCharset(page('<meta charset="utf-8">', Buffer.from('x')), null, 'gbk')).toBe('utf-8');
    expect(detectCharset(Buffer.from('<p>no declaration</p>'), null, 'GBK')).toBe('gb18030');
  });

  it('decodes GB2312 pages as GB18030', () => {
    const bytes = page('<meta charset="gb2312"><p>', GBK_TEXT);
    expect(decodeBody(bytes, detectCharset(bytes, null, 'utf-8'))).toContain('区县信箱');
  });

  it('reads undeclared GBK as GBK, not as broken UTF-8', () => {
    const bytes = page('<p>', GBK_TEXT);
    expect(detectCharset(bytes, 'text/html', 'utf-8')).toBe('gb18030');
    expect(decodeBody(bytes, detectCharset(bytes, 'text/html', 'utf-8'))).toContain('区县信箱');
  });

  it('does not trust a wrong UTF-8 declaration over the bytes', () => {
    const bytes = page('<meta charset="utf-8"><p>', GBK_TEXT);
    expect(decodeBody(bytes, detectCharset(bytes, 'text/html; charset=utf-8', 'utf-8'))).toContain(
      '区县信箱',
    );
  });

  it('keeps valid UTF-8 as UTF-8 when nothing is declared', () => {
    expect(detectCharset(Buffer.from('<p>拖欠工资</p>'), null, 'utf-8')).toBe('utf-8');
  });
});

describe('decoding a page in one go', () => {
  it('agrees with detect-then-decode on every case', async () => {
    const { decodePage } = await import('../../crawlers/charset.ts');
    const cases: [Buffer, string | null, string][] = [
      [Buffer.from('<p>拖欠工资</p>'), null, 'utf-8'],
      [Buffer.concat([Buffer.from('<p>'), GBK_TEXT]), 'text/html', 'utf-8'],
      [
        Buffer.concat([Buffer.from('<meta charset="utf-8"><p>'), GBK_TEXT]),
        'text/html; charset=utf-8',
        'utf-8',
      ],
      [Buffer.concat([Buffer.from('<p>'), GBK_TEXT]), null, 'big5'],
      [Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'text/html; charset=gbk', 'gb2312'],
    ];
    for (const [bytes, type, fallback] of cases) {
      const charset = detectCharset(bytes, type, fallback);
      expect(decodePage(bytes, type, fallback)).toEqual({ charset, text: decodeBody(bytes, charset) });
    }
  });
});
