import { describe, expect, it } from 'vitest';
import { createJiebaSegmenter } from '../../classifiers/segmenter.ts';
import { hammingDistance, simhash } from '../../src/events/simhash.ts';

const jieba = createJiebaSegmenter();
const fp = (text: string) => simhash(jieba.cut(text));

describe('SimHash over jieba words', () => {
  const story =
    '河口镇安置房项目工地三十多名农民工被拖欠工资五个月，包工头老王失联，工人们今天聚集在项目部门口讨薪。';

  it('puts a repost with a comment and a light rewording a few bits away', () => {
    expect(hammingDistance(fp(story), fp(story))).toBe(0);
    expect(hammingDistance(fp(story), fp(`转发：${story} 希望有关部门尽快处理！`))).toBeLessThanOrEqual(12);
    expect(hammingDistance(fp(story), fp(story.replace('今天', '上午')))).toBeLessThanOrEqual(12);
  });

  it('keeps unrelated texts far apart', () => {
    const other = '县人社局召开根治欠薪冬季专项行动部署会，要求各乡镇压实属地责任，确保春节前动态清零。';
    expect(hammingDistance(fp(story), fp(other))).toBeGreaterThan(20);
  });

  it('is 16 hex digits', () => {
    expect(fp(story)).toMatch(/^[0-9a-f]{16}$/);
  });
});
