import { describe, expect, it } from 'vitest';
import { projectClassifier } from '../helpers/classifier.ts';

describe('classifier with the shipped rules', async () => {
  const classify = await projectClassifier();

  it.each([
    [
      'complaint',
      '河口镇安置房项目5名农民工被拖欠工资2.6万元，找了项目部好几次都说没钱，求帮忙',
      true,
      'yellow',
    ],
    [
      'crime threshold',
      '河口镇安置房项目12名农民工被拖欠工资8.6万元，找了项目部好几次都说没钱',
      true,
      'orange',
    ],
    ['crane', '石桥镇一工地，讨薪工人爬上塔吊，说不给工钱就不下来', true, 'red'],
    ['small gathering', '十几名工人在售楼部门口拉横幅讨薪，要求开发商支付拖欠工资', true, 'orange'],
    ['large gathering', '四十多名工人在售楼部门口拉横幅讨薪，要求开发商支付拖欠工资', true, 'red'],
    ['denied rumour', '网传“工人爬塔吊讨薪”系谣言，经核实该项目不存在欠薪', false, 'blue'],
    ['legal advice', '律师提醒：遇到欠薪怎么办？劳动者可以向劳动监察部门投诉', false, 'blue'],
    ['absconded boss', '包工头跑路了，欠我们三十个人的工钱快半年了', true, 'orange'],
    ['project payment', '我们班组的工程款被总包拖欠一年，工人过年回不了家', true, 'yellow'],
    ['settled', '在县人社局协调下，32名农民工被拖欠的工资已全部发放到位', false, 'blue'],
    ['policy', '县人社局召开根治欠薪冬季专项行动部署会，要求各乡镇开展专项检查', false, 'blue'],
    ['rumor', '关于网传某工地欠薪的情况说明：经核实，该信息不实', false, 'blue'],
    ['unrelated', '今天发工资了，晚上去吃火锅庆祝一下', false, 'none'],
  ])('%s', (_name, text, lead, level) => {
    const result = classify({ text });
    expect({ lead: result.lead, level: result.level }).toEqual({ lead, level });
  });

  it('keeps an incident a lead even when the wages were paid in the end', () => {
    const result = classify({ text: '工人爬上塔吊讨薪，经协调拖欠工资已全部发放' });
    expect(result).toMatchObject({ lead: true, resolved: true, level: 'red' });
  });

  it.each([
    ['a threat of suicide', '在塑料厂干了十个月，一万六的工资一拖再拖，再不给我真不想活了', 'extreme'],
    ['a climb by another verb', '一男子攀爬输电铁塔，系某工程施工班组工人，讨要工资共计5.4万元', 'extreme'],
    [
      'a collective petition visit',
      '来访形式：集体访。反映问题：某鞋业公司近百名员工反映公司拖欠工资二百余万元',
      'mass_gathering',
    ],
    [
      'an appeal ruling',
      '刑事裁定书：上诉人钱某某所在公司拖欠27名员工工资，县人社局责令支付后逾期未支付，驳回上诉，维持原判',
      'criminal',
    ],
  ])('sees the risk in %s', (_name, text, risk) => {
    const result = classify({ text });
    expect(result.lead).toBe(true);
    expect(result.risks).toContain(risk);
  });

  it('tells a crowd at the gate from a crew going to file a complaint', () => {
    const crowd = classify({
      text: '今天上午县政府门口聚了三十余名农民工，举着“拖欠工资 天理难容”的牌子，说是包工头拖欠了大半年工钱。',
    });
    expect(crowd.risks).toContain('mass_gathering');
    const filing = classify({
      text: '老板欠我们7个老师工资十几万，电话一直关机。我们几个商量一起去劳动监察大队，需要准备哪些材料？',
    });
    expect(filing.lead).toBe(true);
    expect(filing.risks).not.toContain('mass_gathering');
  });

  it.each([
    [
      'a payment made in person',
      '诉求人反映：项目负责人罗某尚欠其劳务费15000元。处理情况：经调解，罗某已于10月28日当面支付15000元，诉求人已签字确认。',
      { lead: false, resolved: true },
    ],
    [
      'a judgment that finds the payment unproven',
      '原告诉称被告某超市尚欠原告工资共计10500元未付。本院认为，被告提交的证据不足以证明已足额支付工资。判决：被告支付原告工资10500元。',
      { lead: true, resolved: false },
    ],
    [
      'a rights board',
      '维权信息告示牌。施工总承包单位：某建设集团有限公司。劳动保障监察投诉电话：12333。当地政府欠薪举报电话：12345。如遇欠薪，请通过以上渠道依法理性维权。',
      { lead: false },
    ],
    [
      "a team leader's what-if",
      '刚开始带班组接活，想问问：万一以后甲方拖着不给工程款，手下工人的工资我能不能先缓一缓？',
      { lead: false },
    ],
    [
      "a driver's unsettled pay",
      '开了半年渣土车，老板每个月只给一千块生活费，现在一共还差我四万多，我手里只有每天的出车单。',
      { lead: true },
    ],
  ])('reads %s', (_name, text, expected) => {
    expect(classify({ text })).toMatchObject(expected);
  });

  it('reads 别 before an act as a warning, not the act', () => {
    const result = classify({
      text: '大家讨薪时都要注意些什么？进场就要留证据；有问题先找劳动监察，别一上来就堵门爬楼，容易被处罚。',
    });
    expect(result).toMatchObject({ lead: false, risks: [] });
  });

  it.each([
    [
      'a legal explainer on the crime threshold',
      '拒不支付劳动报酬罪的立案标准：根据相关司法解释，拒不支付十名以上劳动者的劳动报酬且数额累计在三万元至十万元以上的，应当认定为“数额较大”。',
    ],
    [
      'a landlord owed rent by a tenant who blames late pay',
      '做房东这几年，今年这个租客最离谱，每次催都说“公司这个月工资晚发了”，到现在欠了我半年房租9000块。',
    ],
    [
      'a company owed a fee whose own staff are paid',
      '甲方拖欠我们公司设计费快两年了，剩下24万拖到现在。我们公司员工工资都正常发，就是现金流压力大。',
    ],
  ])('is no lead: %s', (_name, text) => {
    expect(classify({ text }).lead).toBe(false);
  });

  it('reads a dated promise to pay as still owed, and a payment to the caller as settled', () => {
    const promised = classify({
      text: '来电人称：其已于11月离职，厂方至今拖欠其工资共计6800元。办理结果：企业已支付3000元，剩余3800元书面承诺于1月31日前付清。',
    });
    expect(promised).toMatchObject({ lead: true, resolved: false });
    const paid = classify({
      text: '来电人称：派遣公司拖欠其12月工资4260元未发。办理结果：派遣公司已于1月11日支付来电人全部工资4260元。回访来电人，表示已收到，满意。',
    });
    expect(paid).toMatchObject({ lead: false, resolved: true });
    // A holiday named before a payment is no deadline unless the payment is a payoff (付清/结清).
    const beforeHoliday = classify({
      text: '在县人社局协调下，32名农民工被拖欠的工资已于春节前全部发放到位。',
    });
    expect(beforeHoliday).toMatchObject({ lead: false, resolved: true });
    const payoffPromised = classify({
      text: '20余名工人拉起横幅讨薪，称施工单位拖欠工资160余万元。目前施工单位已支付部分工资，剩余部分承诺春节前付清。',
    });
    expect(payoffPromised).toMatchObject({ lead: true, resolved: false });
  });

  it.each([
    [
      'a campaign notice',
      '关于开展根治欠薪冬季专项行动的通知：各乡镇人民政府：现将有关事项通知如下：一、全面排查欠薪隐患，确保农民工工资按时足额支付。',
    ],
    [
      'a job fair story',
      '县城招聘会现场，企业打出“操作工月薪6000至8000元，包吃住，工资按时足额支付”的招聘广告。',
    ],
  ])('says no wages were settled in %s: it tells of no case', (_name, text) => {
    expect(classify({ text })).toMatchObject({ lead: false, resolved: false });
  });

  it('does not take a protest on a road for the road sector', () => {
    const result = classify({
      text: '某包装厂40余名员工因厂里拖欠两个月工资，在园区门口主干道上拉横幅、阻断交通。',
    });
    expect(result.industry).toBe('manufacturing');
  });

  it.each([
    [
      'a factory named by its trade',
      '申请执行人何某等8名工人在某县宏福木业有限公司工作，公司拖欠8人工资共计15.6万元拒不履行',
      'manufacturing',
    ],
    [
      'a warehouse built in a logistics park',
      '我们在某物流园仓库项目干了三个多月，包工头跑路了，二十多号人的工钱一分没结',
      'construction',
    ],
    [
      'a bridge railing climbed by a factory worker',
      '一男子翻越大桥护栏站在桥梁外侧讨薪，系某鞋厂工人，被拖欠工资2.3万元',
      'manufacturing',
    ],
  ])('reads the sector of %s', (_name, text, industry) => {
    expect(classify({ text }).industry).toBe(industry);
  });

  it('says why: every rule that fired and the terms behind it', () => {
    const result = classify({ title: '求助', text: '包工头跑路，拖欠工资两个月' });
    expect(result.hits.map((h) => h.rule)).toEqual(expect.arrayContaining(['wages-owed', 'criminal-sign']));
    expect(result.hits.find((h) => h.rule === 'criminal-sign')?.terms).toEqual(
      expect.arrayContaining(['跑路', '拖欠工资']),
    );
  });

  it('reads the figures and says who owns the case', () => {
    const result = classify({
      text: '我们15个人在石桥镇县道改建工程干了5个月，包工头老王欠我们工资30余万元，电话关机',
    });
    expect(result).toMatchObject({
      lead: true,
      industry: 'transport',
      risks: ['criminal'],
      amount_yuan: 300_000,
      workers: 15,
      months_owed: 5,
      town: '石桥镇',
      departments: ['人社', '交通', '公安'],
      crime_threshold: { reached: true },
      level: 'orange',
    });
    expect(result.orgs).toEqual(['石桥镇县道改建工程', '包工头老王']);
  });

  it('finds personal data so it can be masked', () => {
    const result = classify({ text: '老板拖欠我工资，我的电话13812345678，身份证11010519491231002X' });
    expect(result.pii).toEqual({ phones: ['13812345678'], id_numbers: ['11010519491231002X'] });
  });

  it('finds the township and reads the title too', () => {
    expect(classify({ title: '马坊镇工地欠薪', text: '已经三个月了' })).toMatchObject({
      town: '马坊镇',
      lead: true,
    });
  });

  it('is pure: the same input gives the same output', () => {
    const text = '柳林乡学校教学楼项目拖欠工资，工人在门口聚集';
    expect(classify({ text })).toEqual(classify({ text }));
  });
});
