import { describe, expect, it } from 'vitest';
import { extractAmount } from '../../../classifiers/extract/amount.ts';
import { normalizeText } from '../../../classifiers/normalize.ts';

describe('owed amount', () => {
  it.each([
    ['12名农民工被拖欠工资8.6万元', 86_000],
    ['老板欠我们三万多块工钱', 30_000],
    ['共拖欠二十余万元', 200_000],
    ['涉及工资120余万元', 1_200_000],
    ['至今还欠近20万没给', 200_000],
    ['被拖欠工资叁万伍仟元', 35_000],
    ['欠了我4500元工资', 4500],
    ['说好日薪300元，干了三个月，一共欠我27000元', 27_000],
    ['每人被欠1万元，共计拖欠32万元', 320_000],
    ['拖欠工程款1.5亿元', 150_000_000],
    ['月薪6000元，老板已经两个月没发了', null],
    ['今天天气不错，去买了200元的菜', null],
    ['被法院判处有期徒刑一年，并处罚金2万元', null],
    ['涉及20多万人的社保', null],
    // Spoken sums named by what follows or by 差/扣 before them.
    ['干了一年，两万八的工钱老板一直拖着不给', 28_000],
    ['我辞职时算下来还差四万八，老板说等货主结了运费', 48_000],
    ['雇主说孩子没照顾好，扣着七千八不给', 7800],
    ['逃避支付21名工人劳动报酬约37万元', 370_000],
    ['做了38天，按每小时15元算应得3420元，店长一直说下周发', 3420],
    // Arabic digits keep 万 whatever follows it; a digit after 万 or 千 is spoken (3万2 is 32,000).
    ['底薪加提成4.6万一直说等回款再结', 46_000],
    ['老板欠我4.6万一直不给', 46_000],
    ['装修公司欠我3万2，这钱还能要回来吗', 32_000],
    // The last (上, 这) month's pay is the sum owed; 一个月工资 alone is the monthly rate.
    ['离职时老板扣下最后一个月工资4500元不给', 4500],
    ['他一个月工资4500元，干了半年', null],
    // A currency sign makes money of a bare number, and owing said right before one does too.
    ['欠薪时段：2023.10—2023.12｜欠薪金额：¥14,700｜人数：1', 14_700],
    ['中介说剩下的年底统一给，现在还欠我3240', 3240],
    ['合同编号3240，工资已经发了', null],
    ['还欠3万2千元', 32_000],
    ['工钱还差2千5百没给', 2500],
    ['拖欠工资1.15万元', 11_500],
    ['拖欠工程款及工人工资5千万元', 50_000_000],
    ['共拖欠工资3百万元', 3_000_000],
    ['欠了我们8百元工资', 800],
    // Online shorthand: k and w are 千 and 万; not in km or kg.
    ['gz还欠我3k多 县城那家火锅店', 3000],
    ['一共欠我1w2 有没有姐妹知道怎么维权', 12_000],
    ['老板今天全部结清了 7k 没走仲裁', 7000],
    ['欠了两个月工资2w8', 28_000],
    ['每天要跑5km，老板欠我们工资', null],
    // A spoken sum told as pay or as recovered, with nothing before it of owing.
    ['工钱一万八一直没给', 18_000],
    ['累计缓发了我一万六', 16_000],
    ['今天听说钱给了 三万一全拿到了', 31_000],
    ['欠了三万一共五个人', 30_000],
    // A bare Arabic number only when named as pay or told as paid or owed; never a year.
    ['课时费6400一直拖着', 6400],
    ['今天gz全部到账 8600一分不少', 8600],
    ['2023一直拖着没人管', null],
    ['电话13800001234一直没给回复', null],
    ['投诉对象：星耀传媒有限公司 投诉问题：拖欠主播底薪 涉诉金额：9000', 9000],
  ])('%s → %s', (text, yuan) => {
    expect(extractAmount(normalizeText(text)).yuan).toBe(yuan);
  });

  it('keeps a vague figure as a range only', () => {
    expect(extractAmount(normalizeText('还欠着十几万工钱'))).toEqual({
      yuan: null,
      range: { min: 110_000, max: 190_000 },
    });
    expect(extractAmount(normalizeText('拖欠工资几十万'))).toEqual({
      yuan: null,
      range: { min: 200_000, max: 900_000 },
    });
  });

  it('marks 余/多 as a lower bound', () => {
    expect(extractAmount(normalizeText('拖欠工资30余万元'))).toEqual({
      yuan: 300_000,
      range: { min: 300_000, max: null },
    });
  });
});
