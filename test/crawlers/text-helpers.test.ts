import { describe, expect, it } from 'vitest';
import { parseCount } from '../../crawlers/text/counts.ts';
import { buildQuery, encodeQueryValue } from '../../crawlers/text/encode-query.ts';
import { htmlToText } from '../../crawlers/text/html-text.ts';
import { placeHint } from '../../crawlers/text/place-hints.ts';

describe('counts as platforms print them', () => {
  it.each([
    [12, 12],
    ['1,024', 1024],
    ['1.2万', 12000],
    ['100万+', 1_000_000],
    ['3亿', 300_000_000],
    ['转发', 0],
    ['评论', 0],
    ['赞', 0],
    ['', null],
    [null, null],
    ['很多', null],
  ])('%s → %s', (raw, expected) => {
    expect(parseCount(raw)).toBe(expected);
  });
});

describe('HTML to text', () => {
  it('strips tags, keeps emoji alt text and line breaks, decodes entities', () => {
    const html =
      '讨薪无门<span class="url-icon"><img alt="[怒]" src="x.png"></span><br />工地&amp;项目部 <a href="/n/x">@老王</a><script>var a=1</script>';
    expect(htmlToText(html)).toBe('讨薪无门[怒]\n工地&项目部 @老王');
  });

  it('turns paragraphs into lines and drops blank runs', () => {
    expect(htmlToText('<p>　　第一段。</p><p></p><p>第二段。</p>')).toBe('第一段。\n\n第二段。');
  });
});

describe('place hints', () => {
  it.each([
    ['发布于 浙江', '浙江'],
    ['IP属地：北京', '北京'],
    ['来自河南', '河南'],
    [' 广西壮族自治区 钦州市', '广西壮族自治区 钦州市'],
    ['', null],
    [null, null],
  ])('%s → %s', (raw, expected) => {
    expect(placeHint(raw)).toBe(expected);
  });
});

describe('query strings in the site charset', () => {
  it('encodes GBK for classic boards, UTF-8 otherwise', () => {
    expect(encodeQueryValue('区县信箱', 'gb2312')).toBe('%C7%F8%CF%D8%D0%C5%CF%E4');
    expect(encodeQueryValue('欠薪 a', 'utf-8')).toBe('%E6%AC%A0%E8%96%AA%20a');
    expect(buildQuery({ keyword: '欠薪', page: 2 }, 'gbk')).toBe('keyword=%C7%B7%D0%BD&page=2');
  });
});

describe('HTML to text keeps prose whole', () => {
  it('reads markup line breaks as a browser does: a space', () => {
    expect(htmlToText('<div>\n    工地老板拖欠\n    三个月工资\n  <br>已报警</div>')).toBe(
      '工地老板拖欠 三个月工资\n已报警',
    );
    expect(htmlToText('<p>wage arrears\n  reported</p>')).toBe('wage arrears reported');
  });
});
