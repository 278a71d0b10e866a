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
    // A form's field, and 人员 in a police bulletin, but not officials.
    ['被反映单位：金石采石场 欠薪人数：14 欠薪金额：贰拾壹万伍仟元', 14],
    ['20余名人员在省道聚集，以讨要工钱为由拦堵过往车辆', 20],
    ['3名工作人员到场劝导，欠薪问题已移交人社部门', null],
    ['今年全县共有20万人次参加培训', null],
    // A span of time before a trade is no head count.
    ['在工地干了8个月木工，老板一分钱没给', null],
    ['做了三年保安，工资拖了半年', null],
    ['大部分是五十岁往上的阿姨大叔，三个月没发工资', null],
    ['三十多名戴安全帽的工人拉出横幅讨薪', 30],
    ['我母亲和另外4位阿姨在小区做保洁，物业公司五个月没发工资', 5],
    // A 12345 work order's wording: the caller and the others.
    ['公司拖欠其及另外7名司机10月、11月工资共约9.6万元', 8],
    ['该公司拖欠其本人及另外5名工友7月至10月工资约4万元', 6],
    // A date a few words before a worker noun is no head count.
    ['责令其于12月31日前通过农民工工资专用账户足额支付', null],
    ['11月农民工工资至今未发', null],
    ['工人杨某等3人讨要工资时被殴打，吴某等5人已被依法行政拘留', 3],
    ['30多人被拖欠工资款186万元', 30],
    // A spreadsheet row's bare 人数 field; a meeting's head count is not a field of the case.
    ['投诉人：赵某某｜欠薪金额：¥14,700｜人数：1｜状态：已转监察大队', 1],
    ['会议应到人数：50，实到48', null],
    // One caller, one applicant: a hotline record or an arbitration award told of one person.
    ['来电人称：其于11月入职某培训学校，学校拒付其试用期工资2500元', 1],
    ['申请人：黄某某，女，1975年生。被申请人未依法足额支付申请人7月至9月工资', 1],
    // 大家 as the listeners asked for advice is nobody's pay; 大家 as the owed is a group.
    ['我在饭店当了八个月厨师，最后一个月工资九千没给，大家说这种情况咋办？', 1],
    ['老板跑了，大家的工资都没拿到', null],
  ])('%s → %s', (text, count) => {
    expect(extractWorkers(normalizeText(text)).count).toBe(count);
  });

  it.each([
    ['诉求人反映：其在某镇道路工程务工，尚有工资9800元未支付', 1],
    ['信访人张某某反映，其于2023年在某项目从事水电安装，至今未支付其劳务费', 1],
    ['原告李某向本院提出诉讼请求：判令被告支付劳务费26400元', 1],
    ['大桥上一个男的翻到护栏外面坐着，说老板一直不给钱', 1],
    ['老板说剩下的年底一起算，现在一共还差我四万多', 1],
    ['带我们的包工头电话打不通，算下来他还差我四万三千块', 1],
    ['工友们约好一起去公司讨薪，我也去了', null],
    ['来信：本人在某中学项目从事钢筋工，项目部拖欠本人工资。答复：感谢您对我们工作的支持', 1],
    ['被告尚欠原告2023年1月至5月工资共计21450元未付', 1],
    ['一个大叔翻过栏杆坐在桥边，说老板一直拖着不给', 1],
    ['来电人李女士，称其在永盛电子厂流水线上班，最后两个月工资5820元至今未发', 1],
  ])('one person told of: %s → %s', (text, count) => {
    expect(extractWorkers(normalizeText(text)).count).toBe(count);
  });

  // A lone 一 that starts a word (一样, 一下, 一直) is no number, so no count of one worker.
  it.each([
    ['我们县一直没欠过老师工资', null],
    ['想问一下各位师傅，今年木工一天多少钱', null],
  ])('no count in a word that starts with 一: %s → %s', (text, count) => {
    expect(extractWorkers(normalizeText(text)).count).toBe(count);
  });

  it('reads a vague count, not 一样 before a worker noun', () => {
    expect(extractWorkers(normalizeText('我们几十个工友在工地干了半年，有一样情况的兄弟留个言'))).toEqual({
      count: null,
      range: { min: 20, max: 90 },
      inferred: false,
    });
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

  it.each([
    ['a floor', '12楼有个阿姨坐在窗台上，雇主欠她八千工钱'],
    ['a clock time', '昨晚十点多有个工人在老板家门口砸门讨要工钱'],
    ['the rescuers sent', '消防站出动2车9人到场，该男子称老板拖欠其工钱三万二'],
  ])('does not count %s as workers', (_name, text) => {
    expect(extractWorkers(normalizeText(text)).count ?? 0).toBeLessThanOrEqual(1);
  });

  it.each([
    ['a man seen by a passer-by', '桥边有个男的翻过护栏坐在桥沿上，手里的纸板写着干了十个月一分没拿到'],
    ['a patient in a hospital note', '患者在酒店工作七个月，被拖欠工资9200元，讨要时喝下消毒液'],
    ['a caller in a hotline record', '来电人于2024年6月至12月在某大酒店从事客房服务，酒店拖欠工资8600元'],
  ])("reads %s as one worker's case", (_name, text) => {
    expect(extractWorkers(normalizeText(text))).toMatchObject({ count: 1, inferred: true });
  });

  it('counts property sales consultants as workers', () => {
    expect(
      extractWorkers(normalizeText('我们17个置业顾问今天在售楼部门口拉横幅，地产公司欠我们半年提成')).count,
    ).toBe(17);
  });

  it('counts sanitation workers, cleaners, porters and loaders', () => {
    expect(extractWorkers(normalizeText('县城30多个环卫工今天一早就坐在环卫所门口')).count).toBe(30);
    expect(extractWorkers(normalizeText('8名装卸工两个月没拿到工资')).count).toBe(8);
  });

  it('counts a defendant who was owed the pay as one worker, not one who owed it', () => {
    const owed = '经审理查明：被告人方某因其在某农贸市场改造工程中被拖欠工资1.9万元，攀爬至城区大桥拱顶';
    expect(extractWorkers(normalizeText(owed)).count).toBe(1);
    expect(extractWorkers(normalizeText('被害人黄某系模具厂老板，拖欠被告人邓某工资1.9万元')).count).toBe(1);
    const boss = '被告人何某系某合作社负责人，拖欠工资9.7万元，经责令支付仍拒不支付';
    expect(extractWorkers(normalizeText(boss)).count).toBeNull();
  });

  it('counts one worker named in the third person (农民工老宋, 工友老胡, 瓦工张某) as one', () => {
    expect(extractWorkers(normalizeText('农民工老宋在工地干了40多天，工头迟迟不付18600元工钱')).count).toBe(
      1,
    );
    expect(extractWorkers(normalizeText('工友老胡被欠了一年的工资，三万六千块')).count).toBe(1);
    expect(extractWorkers(normalizeText('瓦工张某被装修老板欠工钱9600元')).count).toBe(1);
    expect(extractWorkers(normalizeText('工人老乡们被拖欠工资三个月')).count).toBeNull();
    expect(extractWorkers(normalizeText('工人小组长说工钱下个月结')).count).toBeNull();
    expect(extractWorkers(normalizeText('按工人小时工资算，一直拖着不给')).count).toBeNull();
  });

  it('counts one victim who came for his pay, and one respondent named in an appeal', () => {
    expect(extractWorkers(normalizeText('被害人陈某到工地向被告人吴某讨要拖欠的工资11000元')).count).toBe(1);
    expect(
      extractWorkers(normalizeText('被上诉人(原审原告)：黄某，女，1994年生。学校未向黄某支付工资')).count,
    ).toBe(1);
  });

  it('counts workers said to come from a place (26名来自梅岭乡的农民工)', () => {
    expect(
      extractWorkers(normalizeText('26名来自梅岭乡的农民工一同来到县信访局，反映拖欠工资68万元')).count,
    ).toBe(26);
  });

  it('counts workers described at length before the noun (20余名身穿工装的置业顾问)', () => {
    expect(
      extractWorkers(normalizeText('20余名身穿工装的置业顾问在售楼部门口举着横幅，称开发商拖欠提成')).count,
    ).toBe(20);
  });

  it('takes 一群 and 一批 for a group of no stated size, not one', () => {
    expect(extractWorkers(normalizeText('一群农民工坐在马路中间讨要工钱')).count).toBeNull();
  });

  it('counts one caller told of by name, and a petition form’s 来访人数', () => {
    expect(
      extractWorkers(normalizeText('来电人王某反映在城关镇某超市做理货员，12月工资2800元未结')).count,
    ).toBe(1);
    expect(
      extractWorkers(normalizeText('诉求人：刘女士｜内容：反映其在某幼儿园任教，园长拖欠工资1.35万元')).count,
    ).toBe(1);
    expect(
      extractWorkers(normalizeText('来访人数：52人（推选代表5人）｜来访事由：项目经理拖欠工资')).count,
    ).toBe(52);
  });

  it('counts beauticians and hairdressers as workers', () => {
    expect(extractWorkers(normalizeText('我们6个美容师两个月工资4.5万也没给')).count).toBe(6);
  });

  it('takes no trade followed by 作 or 资 for workers (装卸工作, 小工资)', () => {
    expect(
      extractWorkers(normalizeText('申请人系被申请人二处从事装卸工作，裁决支付工资10,420元')).count,
    ).toBeNull();
  });

  it('counts pipe fitters, repairmen and a crowd of 大姐 (dev25)', () => {
    expect(extractWorkers(normalizeText('我们9个管道工，5.4万元工钱一直拖着')).count).toBe(9);
    expect(extractWorkers(normalizeText('2023年拖欠6名维修工工资共计9.8万元')).count).toBe(6);
    expect(extractWorkers(normalizeText('二十多个大姐围在服装厂门口，老板欠了三个月工钱')).count).toBe(20);
  });

  it('reads 120急救人员 as the ambulance service, not 120 workers; 120名工人 stays a count', () => {
    expect(extractWorkers(normalizeText('男子被欠工资后喝下农药，民警、120急救人员迅速到场')).count).not.toBe(
      120,
    );
    expect(extractWorkers(normalizeText('110民警到场劝导，工人被欠工资')).count).not.toBe(110);
    expect(extractWorkers(normalizeText('120名工人被拖欠工资')).count).toBe(120);
  });
});
