import { buildDemoCorpus, type DemoPost } from '../../src/demo/corpus.ts';
import { VOCAB } from '../../src/demo/corpus-vocabulary.ts';

/** Characters company brands are made of; three of them give 27,000 brands (BRANDS). */
const SYLLABLES = [...'鑫达宏泰华盛恒远兴隆瑞丰安康鸿运嘉禾广源润德信和辉豪晟峰锐航'];
export const BRANDS = SYLLABLES.length ** 3;
const BRAND = new RegExp([...VOCAB.brands].sort((a, b) => b.length - a.length).join('|'), 'g');

/** Brand `n` of SYLLABLES.length³, spread so that neighbouring posts share no syllable position. */
function brandOf(n: number): string {
  const size = SYLLABLES.length;
  const k = (n * 7919) % size ** 3;
  return `${SYLLABLES[k % size]}${SYLLABLES[Math.floor(k / size) % size]}${SYLLABLES[Math.floor(k / size ** 2)]}`;
}

/**
 * `count` distinct posts of the demo corpus (complaints, protests, policy news, pay talk, unrelated
 * local news in its proportions), each company brand replaced by one of the post's own. The demo's
 * fifteen brands make thousands of posts about one company in one town, and the event stage rightly
 * folds those into a few events; with a brand per post, only near-duplicate texts still group.
 */
export function benchCorpus(
  count: number,
  options: { seed?: number; idPrefix?: string; firstBrand?: number } = {},
): DemoPost[] {
  const { seed, idPrefix = '', firstBrand = 0 } = options;
  return buildDemoCorpus(count, seed).map((post, i) => {
    const brand = brandOf(firstBrand + i);
    return {
      ...post,
      id: `${idPrefix}${post.id}`,
      title: post.title.replace(BRAND, brand),
      text: post.text.replace(BRAND, brand),
    };
  });
}
