import { decodeHTML } from 'entities';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../classifiers/normalize.ts';

/** The rule itself, step by step and with no shortcut: what the fast path must always agree with. */
const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
const isTraditional = (char: string) => /[\u3400-\u9fff]/.test(char) && toSimplified(char) !== char;
const reference = (text: string) => {
  const folded = decodeHTML(text).normalize('NFKC');
  const simplified = [...folded].some(isTraditional) ? toSimplified(folded) : folded;
  return simplified.toLowerCase().replace(/\s+/g, ' ').trim();
};

describe('normalizeText', () => {
  it.each([
    ['討薪', '讨薪'],
    ['３０名農民工', '30名农民工'],
    ['ABC公司&amp;项目部', 'abc公司&项目部'],
    ['  拖欠\t\n工资  ', '拖欠 工资'],
    ['欠薪\u3000三个月', '欠薪 三个月'],
    ['ｅ\u0301', 'é'],
    ['\u1100\u1161\u11a8', '각'],
    ['①号楼', '1号楼'],
    ['包工头跑路了', '包工头跑路了'],
  ])('%j → %j', (text, expected) => {
    expect(normalizeText(text)).toBe(expected);
  });

  it('agrees with the plain rule on random text from every kind of character it treats', () => {
    const alphabet = [
      ...'拖欠工资农民工討薪薪資項目部我们包工头，。！？、：；',
      ...'ＡＢＣ０１２ABCaeuxyz &;amp',
      ...' \t\n\u00a0\u3000\u2028',
      '\u0301', '\u0308', '\u3099', 'か', 'ｶ', '\u1100', '\u1161', '\u11a8', '가',
      '①', '㈱', 'ﬁ', '\ud83d\ude00', '\ud800',
    ]; // biome-ignore format: a list of sample characters
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 5000; n++) {
      const length = Math.floor(random() * 12);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(normalizeText(text), JSON.stringify(text)).toBe(reference(text));
    }
  });
});
