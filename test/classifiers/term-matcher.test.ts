import { describe, expect, it } from 'vitest';
import { compileRule, ruleFires, scopeMatches } from '../../classifiers/rules/compile-rules.ts';
import type { Rule } from '../../classifiers/rules/rule-schema.ts';
import { createJiebaSegmenter } from '../../classifiers/segmenter.ts';
import { createTermMatcher, type GroupSpec } from '../../classifiers/term-matcher.ts';

function groupsOf(
  terms: Record<string, string[]>,
  negatedBy?: Record<string, GroupSpec['negatedBy']>,
): Map<string, GroupSpec> {
  return new Map(
    Object.entries(terms).map(([group, list]) => [group, { terms: list, negatedBy: negatedBy?.[group] }]),
  );
}

describe('term matcher', () => {
  const segmenter = createJiebaSegmenter();
  const matcher = createTermMatcher(
    groupsOf({
      owed: ['欠薪', '拖欠工资', '爬塔吊', '拖欠'],
      boss: ['包工头', '老板跑路'],
      campaign: ['根治欠薪'],
      wage: ['工资'],
    }),
  );
  const tokensOf = (text: string) => segmenter.cut(text);
  const groupsIn = (text: string) =>
    Object.fromEntries(
      [...matcher.match(tokensOf(text))].map(([group, found]) => [
        group,
        [...new Set(found.map((o) => o.term))].sort(),
      ]),
    );

  it('finds terms within words and across whole words', () => {
    expect(groupsIn('包工头拖欠工资，工人爬塔吊')).toEqual({
      owed: ['拖欠', '拖欠工资', '爬塔吊'],
      boss: ['包工头'],
      wage: ['工资'],
    });
  });

  it('matches a term that covers whole consecutive words', () => {
    expect(
      [...matcher.match(['听说', '老板', '跑', '路', '了'])].map(([g, o]) => [g, o.map((x) => x.term)]),
    ).toEqual([['boss', ['老板跑路']]]);
  });

  it('finds terms inside a longer word', () => {
    expect(groupsIn('开展根治欠薪专项行动')).toEqual({ campaign: ['根治欠薪'], owed: ['欠薪'] });
    expect(groupsIn('今天发工资了')).toEqual({ wage: ['工资'] });
  });

  it('finds nothing in unrelated text', () => {
    expect(groupsIn('今天天气很好，我们去公园散步')).toEqual({});
  });

  it('near: two groups within N tokens, in either order', () => {
    const rule = (within: number): Rule => ({
      id: 'near',
      match: {
        scope: 'any',
        any: [],
        all: [],
        none: [],
        has: [],
        lacks: [],
        near: [{ groups: ['owed', 'wage'], within, same_sentence: true }],
      },
      set: { categories: [], risks: [] },
      score: 0,
    });
    const fires = (within: number, text: string) =>
      ruleFires(
        compileRule(rule(within), matcher.groupIds),
        scopeMatches(matcher.match(tokensOf(text)), -1),
        0,
      );
    expect(fires(3, '被拖欠的工资')).toBe(true);
    expect(fires(3, '信用卡拖欠了两天没还，今天终于发工资了')).toBe(false);
    expect(fires(20, '信用卡拖欠了两天没还，今天终于发工资了')).toBe(true);
  });
});

describe('term matcher boundaries', () => {
  it('never matches text that straddles two words', () => {
    const matcher = createTermMatcher(groupsOf({ wage: ['工资'] }));
    const tokens = ['加工', '资料'];
    expect([...matcher.match(tokens)]).toEqual([]);
  });
});

describe('negation', () => {
  const segmenter = createJiebaSegmenter();
  const matcher = createTermMatcher(
    groupsOf(
      { owed: ['拖欠', '欠薪'], negation: ['没有', '从未', '绝不', '不存在'] },
      { owed: [{ group: 'negation', within: 2 }] },
    ),
  );
  const owed = (text: string) => matcher.match(segmenter.cut(text)).has('owed');

  it.each([
    ['公司从未拖欠工资', false],
    ['我们绝不拖欠农民工一分钱', false],
    ['经核查，不存在欠薪问题', false],
    ['老板拖欠工资三个月', true],
    ['没有办法，老板一直拖欠工资', true],
  ])('%s → owed %s', (text, expected) => {
    expect(owed(text)).toBe(expected);
  });
});
