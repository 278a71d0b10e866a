import { describe, expect, it } from 'vitest';
import { createTownFinder } from '../../classifiers/gazetteer.ts';
import { normalizeText } from '../../classifiers/normalize.ts';

describe('town finder', () => {
  const find = createTownFinder({
    county: '青禾县',
    towns: [
      { name: '河口镇', aliases: ['河口'] },
      { name: '新城工业园区', aliases: ['工业园区'] },
      { name: '城关镇', aliases: [] },
    ],
  });
  it.each([
    ['河口镇安置房项目欠薪', '河口镇'],
    ['河口那边的工地', '河口镇'],
    ['工业园区一家电子厂', '新城工业园区'],
    ['先说城关镇，再说河口镇', '城关镇'],
    ['县城某小区', null],
  ])('%s → %s', (text, town) => {
    expect(find(normalizeText(text))).toBe(town);
  });
});

describe('normalization', () => {
  it('folds full-width digits and letters and collapses spaces', () => {
    expect(normalizeText('３０名　ＡＢＣ工人\n\n欠薪')).toBe('30名 abc工人 欠薪');
  });
});
