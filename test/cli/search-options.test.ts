import { describe, expect, it } from 'vitest';
import { parseSearchRequest } from '../../src/cli/search-options.ts';

const defaults = { sort: 'newest', limit: '10', offset: '0', leads: false, open: false, json: false };
const parse = (values: Record<string, string | boolean>, words: string[] = []) =>
  parseSearchRequest({ ...defaults, ...values }, words);

describe('search command options', () => {
  it('turns flags into a store query: Chinese level names, day dates in Shanghai, lists', () => {
    expect(
      parse({ level: '红,橙色', since: '2026-11-20', town: '河口镇，石桥镇', leads: true, open: true }, [
        '拖欠',
        '工资',
      ]),
    ).toEqual({
      query: {
        text: '拖欠 工资',
        levels: ['red', 'orange'],
        since: '2026-11-20T00:00:00+08:00',
        towns: ['河口镇', '石桥镇'],
        lead: true,
        resolved: false,
        sort: 'newest',
        limit: 10,
        offset: 0,
      },
      by: null,
      json: false,
    });
  });

  it('takes one or two counting dimensions', () => {
    expect(parse({ by: 'day,town' })).toMatchObject({ by: ['day', 'town'] });
  });

  it('says which flag is wrong and why', () => {
    expect(parse({ level: '紫', since: '昨天', limit: '500', by: 'day,town,level' })).toEqual({
      problems: [
        '--since：不是日期或时间：昨天（例：2026-11-20）',
        '--level：未知的等级：紫（可选：red、orange、yellow、blue、none）',
        '--limit：条数不大于 200',
        '--by：统计维度最多两个',
      ],
    });
    expect(parse({ sort: 'relevance' })).toEqual({ problems: ['--sort：按相关度排序需要关键词'] });
  });
});
