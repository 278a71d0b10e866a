import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { wordsAt } from '../../classifiers/segmenter.ts';
import { buildSegmenter } from '../../src/app/build-classifier.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { labelledTexts, randomTexts } from '../helpers/texts.ts';

/** nodejieba as published, beside the method patches/ adds to it. */
interface PatchedJieba {
  cut(text: string, hmm: boolean): string[];
  cutWordEnds(text: unknown, hmm: boolean): Uint32Array;
}

describe('the jieba segmenter', async () => {
  // The project's dictionary, as the classifier loads it: nodejieba keeps one per process, so
  // the stock calls below use it too.
  const segmenter = buildSegmenter(await loadProjectConfig());
  const jieba = createRequire(import.meta.url)('nodejieba') as PatchedJieba;

  // Compared through wordsAt itself, not only segmenter.cut: that falls back to the stock cut
  // when the ends do not cover the text, and would hide ends counted wrong.
  const sliced = (text: string) => wordsAt(text, jieba.cutWordEnds(text, true));

  it("cuts every labelled text into the words nodejieba's own cut makes", () => {
    const texts = labelledTexts();
    expect(texts.length).toBeGreaterThan(3000);
    for (const text of texts) {
      expect(sliced(text), text).toEqual(jieba.cut(text, true));
      expect(segmenter.cut(text), text).toEqual(jieba.cut(text, true));
    }
  });

  it('agrees with it on random mixes of Chinese, Latin, digits, spaces and characters beyond the BMP', () => {
    // `#` stands for an emoji: a surrogate pair, two code units for one code point.
    const texts = randomTexts('工资欠薪讨爬塔吊老板跑路abc XYZ 123，。！\n\t　ａ１#', 3000, {
      seed: 7,
      maxLength: 60,
    }).map((text) => text.replaceAll('#', '😀'));
    expect(texts.filter((text) => text.includes('😀')).length).toBeGreaterThan(1000);
    for (const text of texts) expect(sliced(text), JSON.stringify(text)).toEqual(jieba.cut(text, true));
  });

  it('hands back the text itself for a lone surrogate, where the stock cut makes it U+FFFD', () => {
    const text = '工资\ud800欠薪';
    expect(jieba.cut(text, true)).toEqual(['工资', '\ufffd', '欠薪']);
    expect(sliced(text)).toEqual(['工资', '\ud800', '欠薪']);
    expect(segmenter.cut(text).join('')).toBe(text);
  });

  it('cuts an empty text into no words', () => {
    expect(sliced('')).toEqual([]);
    expect(segmenter.cut('')).toEqual([]);
  });

  it('refuses a sentence that is not a string with a TypeError naming the argument', () => {
    expect(() => jieba.cutWordEnds(42, true)).toThrow(/sentence must be a string/);
  });
});

describe('wordsAt', () => {
  it('slices the words out of the text at their ends', () => {
    expect(wordsAt('农民工讨薪😀', Uint32Array.of(3, 5, 7))).toEqual(['农民工', '讨薪', '😀']);
  });

  it('gives null when the ends fall short of the text or run past it, so the caller asks for strings', () => {
    expect(wordsAt('农民工讨薪', Uint32Array.of(3))).toBeNull();
    expect(wordsAt('农民工讨薪', Uint32Array.of(3, 6))).toBeNull();
    expect(wordsAt('讨薪', new Uint32Array(0))).toBeNull();
  });

  it('gives no words for an empty text with no ends', () => {
    expect(wordsAt('', new Uint32Array(0))).toEqual([]);
  });
});
