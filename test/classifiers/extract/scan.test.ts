import { describe, expect, it } from 'vitest';
import { firstMatchBefore } from '../../../classifiers/extract/scan.ts';
import { randomTexts } from '../../helpers/texts.ts';

const spans = (matches: Iterable<RegExpMatchArray>) => [...matches].map((m) => [m.index, m[0]]);

describe('firstMatchBefore', () => {
  it('finds the same matches as a global search when matches end in the anchor within reach', () => {
    const pattern = () => /[\u4e00-\u9fa5]{1,3}?(?:村|社区)(?![委])/g;
    const anchor = /(?:村|社区)(?![委])/g;
    for (const text of randomTexts('上下河村社区委，东西', 3000)) {
      const found: [number, string][] = [];
      for (let from = 0, match = firstMatchBefore(text, anchor, pattern(), 3); match; ) {
        found.push([match.index, match[0]]);
        from = match.index + match[0].length;
        match = firstMatchBefore(text, anchor, pattern(), 3, from);
      }
      expect(found, text).toEqual(spans(text.matchAll(pattern())));
    }
  });
});
