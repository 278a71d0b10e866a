import { describe, expect, it } from 'vitest';
import { ruleFires } from '../../classifiers/rules/compile-rules.ts';
import { createJiebaSegmenter } from '../../classifiers/segmenter.ts';
import { createTermMatcher } from '../../classifiers/term-matcher.ts';

describe('term matcher', () => {
  const segmenter = createJiebaSegmenter();
  const matcher = createTermMatcher(
    new Map([
      ['owed', ['欠薪', '拖欠工资', '爬塔吊', '拖欠']],
      ['boss', ['包工头', '老板跑路']],
      ['campaign', ['根治欠薪']],
      ['wage', ['工资']],
    ]),
    segmenter,
  );
  const tokensOf = (text: string) => segmenter.cut(text);
  const groupsIn = (text: string) =>
    Object.fromEntries(
      [...matcher.match(tokensOf(text))].map(([group, found]) => [
        group,
        [...new Set(found.map((o) => o.term))].sort(),
      ]),
    );

  it('finds terms on word boundaries, taught to the segmenter so they stay whole', () => {
    expect(groupsIn('包工头拖欠工资，工人爬塔吊')).toEqual({
      owed: ['拖欠', '拖欠工资', '爬塔吊'],
      boss: ['包工头'],
      wage: ['工资'],
    });
  });

  it('matches a multi-word term as a sequence', () => {
    expect(groupsIn('听说老板跑路了')).toEqual({ boss: ['老板跑路'] });
  });

  it('finds terms inside a longer word', () => {
    expect(groupsIn('开展根治欠薪专项行动')).toEqual({ campaign: ['根治欠薪'], owed: ['欠薪'] });
    expect(groupsIn('今天发工资了')).toEqual({ wage: ['工资'] });
  });

  it('finds nothing in unrelated text', () => {
    expect(groupsIn('今天天气很好，我们去公园散步')).toEqual({});
  });

  it('near: two groups within N tokens, in either order', () => {
    const rule = (within: number) => ({
      id: 'near',
      match: { any: [], all: [], none: [], near: { groups: ['owed', 'wage'] as [string, string], within } },
      set: { categories: [], risks: [] },
      score: 0,
    });
    const close = matcher.match(tokensOf('被拖欠的工资'));
    const far = matcher.match(tokensOf('信用卡拖欠了两天没还，今天终于发工资了'));
    expect(ruleFires(rule(3), close)).toBe(true);
    expect(ruleFires(rule(3), far)).toBe(false);
    expect(ruleFires(rule(20), far)).toBe(true);
  });
});

describe('term matcher boundaries', () => {
  const segmenter = createJiebaSegmenter();
  it('never matches text that straddles two words', () => {
    const matcher = createTermMatcher(new Map([['wage', ['工资']]]), segmenter);
    const tokens = ['加工', '资料'];
    expect([...matcher.match(tokens)]).toEqual([]);
  });
});
