import { describe, expect, it } from 'vitest';
import { extractWorkers } from '../../../classifiers/extract/workers.ts';
import { normalizeText } from '../../../classifiers/normalize.ts';

describe('owed workers', () => {
  it.each([
    ['30余名农民工被拖欠工资', 30],
    ['我们班组15个人干了三个月没拿到工资', 15],
    ['一百多名工人聚集讨薪', 100],
    ['涉及工人189名，金额300万元', 189],
    ['拖欠农民工32人工资共计56万元', 32],
    ['十二名工友爬上楼顶讨薪', 12],
    ['3名嫌疑人被刑拘，2名民警受伤', null],
    ['今年全县共有20万人次参加培训', null],
  ])('%s → %s', (text, count) => {
    expect(extractWorkers(normalizeText(text)).count).toBe(count);
  });

  it('keeps vague counts as a range', () => {
    expect(extractWorkers(normalizeText('几十名工人在门口讨薪'))).toEqual({
      count: null,
      range: { min: 20, max: 90 },
      inferred: false,
    });
    expect(extractWorkers(normalizeText('二三十个工人要工钱'))).toEqual({
      count: null,
      range: { min: 20, max: 30 },
      inferred: false,
    });
    expect(extractWorkers(normalizeText('十几个工友'))).toEqual({
      count: null,
      range: { min: 11, max: 19 },
      inferred: false,
    });
  });

  it("reads one person's own case as one worker, marked as inferred", () => {
    expect(extractWorkers(normalizeText('老板欠我工资三个月了'))).toEqual({
      count: 1,
      range: null,
      inferred: true,
    });
    expect(extractWorkers(normalizeText('我县召开欠薪治理会议')).count).toBeNull();
  });

  it('counts the speaker with the companions', () => {
    expect(extractWorkers(normalizeText('我和另外两个伙计被欠了三万')).count).toBe(3);
  });

  it('prefers a stated number over a vague one', () => {
    expect(extractWorkers(normalizeText('几十个人，其中有23名农民工被欠薪')).count).toBe(23);
  });
});
