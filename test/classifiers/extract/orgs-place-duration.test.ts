import { describe, expect, it } from 'vitest';
import { extractMonthsOwed } from '../../../classifiers/extract/duration.ts';
import { extractOrgs } from '../../../classifiers/extract/orgs.ts';
import { extractPlace } from '../../../classifiers/extract/place.ts';
import { normalizeText } from '../../../classifiers/normalize.ts';

const TOWNS = ['河口镇', '石桥镇', '城关镇'];

describe('organisations', () => {
  it.each([
    [
      '我们在青禾鑫达建设工程有限公司承建的河口镇安置房项目干活，包工头老王欠钱不给',
      ['青禾鑫达建设工程有限公司', '河口镇安置房项目', '包工头老王'],
    ],
    ['被某建筑公司拖欠工资，该公司负责人失联', []],
    ['县道改建工程的工程款一直没结，项目部说没钱', ['县道改建工程']],
    ['包工头王某卷款跑路', ['包工头王某']],
    // 工程 going on as another noun names no project: two cases are not one for a truck or a boss.
    ['20多个工人把几辆工程车横在路中间，说农田水利灌溉工程欠他们工资', ['农田水利灌溉工程']],
    ['他们开着工程机械堵住了大门', []],
    ['本人系河道治理工程的钢筋工，被拖欠工资', ['河道治理工程']],
    ['我们鑫达建筑公司的老板跑了', ['鑫达建筑公司']],
    ['工地项目经理老李说下个月结', ['项目经理老李']],
    ['宏达集团公司拖欠工资，其项目经理称正在核实', ['宏达集团公司']],
  ])('%s', (text, orgs) => {
    expect(extractOrgs(normalizeText(text))).toEqual(orgs);
  });
});

describe('place', () => {
  it.each([
    ['我在河口镇上河村的工地干活', '河口镇上河村'],
    ['在石桥镇一家鞋厂上班', '石桥镇'],
    ['城关镇幸福小区项目欠薪', '城关镇幸福小区'],
    ['来自外省某县的工人', null],
    ['江苏省南京市某工地', '南京市'],
  ])('%s → %s', (text, place) => {
    expect(extractPlace(normalizeText(text), TOWNS)).toBe(place);
  });
});

describe('months owed', () => {
  it.each([
    ['干了8个月一分钱没拿到', 8],
    ['工资已经拖了半年', 6],
    ['三个多月的工资没发', 3],
    ['一年多了还没结', 12],
    ['从2025年10月干到现在', null],
    ['今天天气好', null],
  ])('%s → %s', (text, months) => {
    expect(extractMonthsOwed(normalizeText(text))).toBe(months);
  });
});
