import { describe, expect, it } from 'vitest';
import { parseChineseNumeral, parseNumber } from '../../../classifiers/extract/chinese-number.ts';

describe('Chinese numerals', () => {
  it.each([
    ['三', 3],
    ['十', 10],
    ['十五', 15],
    ['三十', 30],
    ['三十五', 35],
    ['两百', 200],
    ['一百零八', 108],
    ['一千零五十', 1050],
    ['一万二千', 12_000],
    ['一万二', 12_000],
    ['三千五', 3500],
    ['二十万', 200_000],
    ['叁万伍仟', 35_000],
    ['伍万', 50_000],
    ['一亿二千万', 120_000_000],
    ['二〇二六', 2026],
    ['万', 10_000],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it('refuses what is not a numeral', () => {
    expect(parseChineseNumeral('三个')).toBeNull();
    expect(parseChineseNumeral('')).toBeNull();
  });

  it.each([
    ['30', 30],
    ['8.6万', 86_000],
    ['1,200', 1200],
    ['3千', 3000],
    ['1.5亿', 150_000_000],
    ['二十', 20],
  ])('number %s → %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });
});
