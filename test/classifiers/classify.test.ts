import { describe, expect, it } from 'vitest';
import { projectClassifier, raisesRisk, readsAsLead } from '../helpers/classifier.ts';

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
    // Each names no workers, sum or span, but says 清偿 or 追回 and has a first-person word, so
    // only the rule that a policy or advice text with no case settles none keeps them unresolved.
    [
      'a regulation explainer',
      '《保障农民工工资支付条例》规定：工资应当支付给农民工本人；分包单位拖欠农民工工资的，由施工总承包单位先行清偿，再依法追偿。',
    ],
    [
      'an op-ed',
      '评论｜我们常说，欠薪追回来了不等于问题就解决了：根治欠薪，还要靠工资专用账户和工资保证金制度管住源头。',
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

  it.each([
    ['a game', '打野不来帮我 中路欠我一个蓝buff 这是严重的欠薪行为 我要去劳动仲裁😂'],
    ['a joke at oneself', '每天上班摸鱼三小时 月底老板给我发全额工资的时候我都心虚 严格来说是我欠老板的薪吧'],
    ['a drama recap', '《逆风人生》第23集：包工头卷款跑路 三十多个农民工爬上楼顶讨薪 #影视解说 #好剧推荐'],
    ['a serial story', '【原创】讨薪（第三章）老李站在二十层楼顶，北风刮得他睁不开眼。（未完待续）3楼：催更'],
    [
      'an advertisement',
      '【专业讨薪 不成功不收费】工地欠薪📌工伤赔偿📌劳动仲裁📌拒不支付劳动报酬报案协助 从业十五年 已帮助3000+农民工拿回血汗钱 私信或致电 #农民工讨薪# #欠薪怎么办#',
    ],
    [
      "a lawyer's answer",
      '问：老板给我打了欠条，欠工资两万，已经过了两年了还能要吗？律师回答：诉讼时效为三年，建议尽快起诉。',
    ],
    [
      'an advice column listing what people do',
      '【律师说法】很多农民工朋友遇到欠薪，第一反应是堵门、爬塔吊，这不仅不能解决问题。正确的做法是固定证据，向劳动监察部门投诉。',
    ],
  ])('reads %s as no case', (_name, text) => {
    const result = classify({ text });
    expect(result.lead).toBe(false);
    expect(result.risks).toEqual([]);
  });

  it.each([
    [
      'a gang boss who cannot be reached',
      '包工头电话从上礼拜就打不通了 微信也把我们拉黑了 我们六个人在这扎了四个月钢筋 每个月就给一千块生活费 剩下的一直说等结算',
      ['criminal'],
    ],
    [
      'Cantonese in traditional characters',
      '幫朋友問：老闆拖糧冇影點算。佢喺一間餐廳做廚師，老闆拖咗佢三個月人工，合共兩萬四，電話都唔聽，間舖都閂咗',
      ['criminal'],
    ],
    ['pinyin shorthand', 'lb pao路了 gz还欠我3k多 县城那家火锅店 干了俩月 店门一锁人就没了', ['criminal']],
    [
      'a road blocked in other words',
      '实拍！大桥上十几个工人拉着横幅讨薪 把桥头一边车道堵了 听说就是修这个桥的工人',
      ['extreme', 'mass_gathering'],
    ],
    [
      'a climb to collect a debt',
      '爬到高速桥上挂横幅要账的就是我们村老张 在城里给人家盖厂房 干了一年多',
      ['extreme'],
    ],
    [
      'workers whose money was recovered from a fled boss',
      '卷钱跑路的装修公司老板已经被抓了 我们6个师傅的钱执行到位了',
      ['criminal'],
    ],
    ['deferred pay', '厂里从九月开始说效益不好，工资缓发，每个月只打一千五生活费，累计缓发了我一万六', []],
  ])('finds the lead in %s', (_name, text, risks) => {
    const result = classify({ text });
    expect(result.lead).toBe(true);
    for (const risk of risks) expect(result.risks).toContain(risk);
  });

  it.each([
    [
      'a police bulletin that opens with 我局接报警',
      '警情通报：我局接群众报警称，城西某在建工地有一男子爬上塔吊。经初步了解，该男子系该工地木工，因劳务费26000元的支付问题产生纠纷，遂采取上述过激方式。',
      ['extreme'],
    ],
    [
      'a plan to pay, with the employer behind on its rent too',
      '近日，李老师向本报热线反映，她所在的小太阳幼儿园9月突然停办，园内9名教师自6月起的工资一直未发放，合计约11.6万元。园长称房租还欠着。县教育局已督促举办者制定工资清偿方案。',
      [],
    ],
    [
      'a work order in which the pay is 未发',
      '来电人李女士，称其在永盛电子厂流水线上班，12月离职，最后两个月工资5820元至今未发，厂方称要等年后统一结算。',
      [],
    ],
    ['a short complaint ending in 了', '厂里3个月没发工资了 兴达塑料制品厂 大概四十多人', []],
    [
      'machines carted off and sold',
      '欠薪人数：14 问题描述：采石场关停后，孙某把挖机、破碎机连夜拉走卖掉，工人工资一分没给。',
      ['criminal'],
    ],
    [
      'a crew waiting all day at the gate',
      '今天我们二十几个人在城北还建房项目部门口等了一天，没人出来管，工资欠了大半年了',
      ['mass_gathering'],
    ],
    [
      'a phone cut off',
      '在镇上的绿化工程栽了两个月树，老板说年底一起给，现在人找不到了，电话也停机了。我们村一起去干活的有十来个人，都没拿到钱。',
      ['criminal'],
    ],
  ])('finds the lead in %s', (_name, text, risks) => {
    const result = classify({ text });
    expect(result.lead).toBe(true);
    for (const risk of risks) expect(result.risks).toContain(risk);
  });

  it.each([
    ['a withdrawal once paid', '之前提交的饭店欠我工资的那个，老板今天已经全给了，可以撤销了，谢谢'],
    ['a table header', '序号 | 乡镇 | 项目名称 | 欠薪人数 | 欠薪金额 | 欠薪时间 | 备注'],
    [
      'a notice that no wages were owed',
      '关于拟返还农民工工资保证金的公示：以下项目施工期间未发生拖欠农民工工资行为，拟按规定返还保证金。',
    ],
    [
      'a how-to post',
      '打工人必看！被拖欠工资的5个维权步骤 先留证据 再书面催告 然后投诉 打12345 最后仲裁 #职场干货',
    ],
  ])('reads %s as no lead', (_name, text) => {
    expect(classify({ text }).lead).toBe(false);
  });

  it('does not read 要回家 as money got back', () => {
    const result = classify({
      text: '我们是在商业综合体项目干活的农民工，至今还欠着近200名工人的工资1000多万元。我们也要回家过年，恳请领导关注！',
    });
    expect(result).toMatchObject({ lead: true, resolved: false });
  });

  it('reads an order to pay by a date as no payment yet, and a wish to get the money back as no recovery', () => {
    const ordered = classify({
      text: '我们19个农民工被欠工资二十三万多元。回复：已责令施工单位于2024年1月20日前将拖欠工资支付到位。',
    });
    expect(ordered).toMatchObject({ lead: true, resolved: false });
    const wished = classify({
      text: '老周在镇上一家石材厂干了两年切割工。厂子倒闭时，老板欠他20500元，前年给过一次5000元，剩下的15500元至今没有着落。老周说：“我就想把自己的血汗钱拿回来。”',
    });
    expect(wished).toMatchObject({ lead: true, resolved: false });
    // 请 in 请乡里帮忙要回 asks; inside 申请 it does not.
    const enforced = classify({ text: '12名工人申请强制执行后拖欠工资已全部执行到位' });
    expect(enforced.resolved).toBe(true);
    const unpaid = classify({ text: '我们站十来个骑手都没拿到钱，配送费压到下个月再发，结果站长换人了' });
    expect(unpaid).toMatchObject({ lead: true, resolved: false });
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

describe('gaps found by the blind sets dev12, dev13 and dev14', async () => {
  const classify = await projectClassifier();

  it('takes a group blocking a road for both an extreme act and a gathering', () => {
    const { risks } = classify({
      text: '二十多名工人因被拖欠工资在国道上拉横幅，车都堵了两公里，交警已到场',
    });
    expect(risks).toEqual(expect.arrayContaining(['extreme', 'mass_gathering']));
  });

  it.each([
    [
      'a pesticide named',
      '这瓶敌敌畏我就放桌上了，老板两年的工钱六万四一拖再拖，今天再不给我就喝了它，我也不活了',
    ],
    [
      'a man who will not come down',
      '我现在就坐在大桥上，工程干了八个月，五万二的工钱一直不给，钱不给我今天就不下来了',
    ],
    ['a threat in Cantonese', '老板欠我两万三人工，一路话下个月，我而家企喺厂顶，唔俾钱我就跳落去'],
    ['machines laid across a road', '十几个工人把挖机横到路上，堵了一上午，开发商欠的工钱拖了两年不给'],
  ])('takes %s for an extreme act', (_name, text) => {
    expect(classify({ text }).risks).toContain('extreme');
  });

  // Guards: the words added for extreme acts must not reach these.
  it.each([
    ['a man lying in bed', '老陈躺在出租屋的床上发愁，他和两个老乡被拖欠的2.6万元工钱还没要到'],
    ['laughing', '老板年终奖发了两箱带鱼一桶豆油，还说明年给大伙涨工资，笑不活了'],
  ])('does not take %s for an extreme act', (_name, text) => {
    expect(classify({ text }).risks).not.toContain('extreme');
  });

  it('takes a group going to the petition office for a gathering, but not a threat to go', () => {
    const went = classify({ text: '今天我们三十多个人去了县信访局，河道工程七十多万的工钱拖到现在没给' });
    expect(went).toMatchObject({ lead: true, risks: ['mass_gathering'] });
    const threatened = classify({
      text: '总包拖欠劳务款260万元，其中大部分是农民工工资，涉及工人150余人，有工人扬言要到县政府上访',
    });
    expect(threatened.risks).not.toContain('mass_gathering');
  });

  it.each([
    [
      'an arbitration award',
      '申请人：李某某，女，1975年生。被申请人：某酒店有限公司。被申请人未足额支付申请人2023年6月至9月工资。本委裁决如下：被申请人于裁决生效之日起十日内支付申请人工资共计12800元。',
    ],
    [
      'a question how to get pay back',
      '美发店倒闭了，欠我两个月工资和提成九千多，老板娘不回消息，怎么要回来？',
    ],
    [
      'pay owed in Northeastern speech',
      '俺们一个班十二个人在矿上下井，从七月到现在半年没开支了，矿上说煤卖不出去没钱',
    ],
  ])('reads %s as an unsettled case', (_name, text) => {
    expect(classify({ text })).toMatchObject({ lead: true, resolved: false });
  });

  it("reads one applicant and the award's sum from an arbitration award", () => {
    const result = classify({
      text: '申请人：李某某，女，1975年生。被申请人未足额支付申请人2023年6月至9月工资。本委裁决如下：被申请人支付申请人工资共计12800元。',
    });
    expect(result).toMatchObject({ amount_yuan: 12_800, workers: 1 });
  });

  it.each([
    [
      'a police correction that a fight had nothing to do with pay',
      '网传“工地讨薪打架”系误传：两名工人酒后发生口角，与工资支付无关，二人已被依法处理。',
    ],
    [
      'a customer owed a refund',
      '健身房老板跑路了，我办的两年卡还剩3680元没用，店长把我微信拉黑，要求全额退还剩余卡费！',
    ],
    [
      'an unpaid land lease',
      '尊敬的领导：我是石门村村民，2019年把家里5亩承包地流转给“丰源农业开发有限公司”种葡萄，合同约定每亩每年900元流转费。公司这两年的流转费都没给，村里像我这样的有三十多户。',
    ],
    [
      'a comedy sketch',
      '四川话版《老板你欠我的钱》😂 老板：不是我不给你，是甲方没给我。我：那你呢？老板：我马上也要跑了。纯属娱乐，请勿当真 #搞笑段子',
    ],
  ])('takes %s for no case', (_name, text) => {
    expect(classify({ text }).lead).toBe(false);
  });

  it.each([
    [
      'a finished enforcement',
      '县法院执行干警将42万元工资执行款当场发放到35名工人手中。此前工人因被拖欠工资申请仲裁获支持，对方迟迟未履行。目前案件已执行完毕。',
    ],
    [
      'a thank-you banner after enforcement',
      '7名农民工给法院执行干警送来锦旗。去年他们在某装饰公司务工被拖欠工资21.6万元，判决后公司仍未履行，法院查封其车辆后，公司主动履行了全部款项。',
    ],
  ])('reads %s as settled, not as a case', (_name, text) => {
    expect(classify({ text })).toMatchObject({ lead: false, resolved: true });
  });
});

describe('gaps found by the blind set dev15 (extreme acts and their look-alikes)', async () => {
  const classify = await projectClassifier();

  it.each([
    ['a hunger strike', '六名保洁员在物业公司门口绝食第二天，公司拖欠她们五个月工资两万多元'],
    ['cutting oneself', '他当着老板的面用刀片划自己手腕，说三个月的工钱九千块再不给就死在这'],
    ['a threat to die together', '包工头欠我一年工钱三万六，再不给，大不了跟他同归于尽'],
    ['a lighter and a threat to set fire', '一名工人手拿打火机站在项目部门口，说今天不结清工资就点火'],
    ['a power pylon', '我表哥欠薪八个月，今早跑到村口的高压电塔上去了，说老板不来他就不下去'],
    ['the outside of a scaffold', '一个木工站在12楼脚手架外侧讨薪，手里举着纸板写着还我工钱'],
    [
      'lying under an excavator bucket',
      '司机们说土方款和工钱欠了一百多万，一个大哥直接躺在挖掘机铲斗底下不起来',
    ],
    ['trucks turned across a junction', '二十多个拉土车司机把车往路口一横，讨要被拖欠的运费和工钱'],
  ])('takes %s for an extreme act', raisesRisk(classify, 'extreme'));

  it('reads a worker streaming live from a crane as a case, not as a show', () => {
    const live = classify({
      text: '直播间：讨薪日记。我在工地干了十个月，老板欠我们班组十二个人共二十八万。今天我上塔吊了，直播到拿到钱为止。弹幕：注意安全',
    });
    expect(live).toMatchObject({ lead: true, resolved: false, risks: expect.arrayContaining(['extreme']) });
  });

  // Guards: work at height, paid on time, is no case however high it is.
  it.each([
    ['a crane driver', '塔吊司机的一天：早上六点爬上驾驶室，上去就不下来了。工资一个月一万出头，按月发'],
    ['a window cleaner', '蜘蛛人老梁每天挂在写字楼外墙上擦玻璃，一天挣六七百，公司发工资从没拖过'],
  ])('does not take %s for a case', (_name, text) => {
    expect(classify({ text })).toMatchObject({ lead: false, risks: [] });
  });
});

describe('gaps found by the blind set dev16 (protests and disputes that are not about wages)', async () => {
  const classify = await projectClassifier();

  it.each([
    [
      'lying across a project office gate',
      '我们五个钢筋工被欠了两万六工钱，今天干脆躺在项目部大门口，车都进不来',
    ],
    ['lying in a government gateway', '十几名工人在镇政府门前讨要工资，其中两人躺卧在通道上'],
    ['loaders parked across a road', '开铲车的几个师傅工钱没结，把铲车横着堵在进场的路上'],
  ])('takes %s for an extreme act', raisesRisk(classify, 'extreme'));

  it.each([
    ['a crowd at a station door', '外卖站长跑了，欠骑手们一个月配送费，一堆人在站点门口等说法'],
    [
      'a joint letter to the petition bureau',
      '县信访局：我们22名木工被分包商拖欠工资19万元，现联名反映，恳请督促支付',
    ],
  ])('takes %s for a mass gathering', raisesRisk(classify, 'mass_gathering'));

  it('does not take players writing a joint letter to their club for a mass gathering', () => {
    const letter = classify({ text: '十余名球员发联名信，称俱乐部拖欠工资半年，多次沟通无果' });
    expect(letter.lead).toBe(true);
    expect(letter.risks).not.toContain('mass_gathering');
  });

  it('does not take pesticide bought for a farm for a threat', () => {
    const farm = classify({ text: '我在果园给老板干了三个月，化肥农药都是我垫钱买的，工钱到现在一分没给' });
    expect(farm.lead).toBe(true);
    expect(farm.risks).not.toContain('extreme');
  });

  it.each([
    ['farmers owed for their crop', '我们村十几户果农的苹果卖给了县里的果业公司，收购款八十多万一分钱没拿到'],
    ['pensioners over unpaid insurance', '原厂退休职工说厂里当年欠缴养老保险，现在几十人一起去社保局问'],
    [
      'unpaid insurance while pay comes monthly',
      '我在顺达物流公司上班两年，公司从来没给我交过养老保险，工资倒是按月发的，该找哪个部门反映？',
    ],
    ['a hypothetical legal question', '请问一下，假如老板跑路了，工资还能找谁要？'],
    [
      'a loan dispute dressed as a wage protest',
      '警方通报：当事人拉横幅讨薪，实为两人之间的借款纠纷，为了博关注',
    ],
  ])('does not take %s for a case', readsAsLead(classify, false));

  it("takes a substitute teacher's unpaid pay for a case", () => {
    const text = '来电人反映其在某中学代课半年，学校至今拖欠代课费共计九千元';
    expect(classify({ text })).toMatchObject({ lead: true });
  });

  it('reads money transferred on the spot as paid', () => {
    const paid = classify({ text: '工人爬上塔吊讨要拖欠的工资3万元，老板赶到后当场转账结清，工人安全下塔' });
    expect(paid).toMatchObject({ lead: true, resolved: true });
  });

  it.each([
    ['a promise to pay within a week', '工人爬上电塔讨薪，包工头签了协议，承诺一周内付清'],
    ['wanting the pay back', '老板欠我们半年工钱不给，我们几个就想要回自己的血汗钱'],
  ])('does not read %s as paid', (_name, text) => {
    expect(classify({ text })).toMatchObject({ lead: true, resolved: false });
  });
});

describe('gaps found by the blind set dev17 (short and noisy formats)', async () => {
  const classify = await projectClassifier();

  it('takes trucks parked across a national road for an extreme act', () => {
    const text = '二十多个司机把货车堵在国道上，讨要被拖欠的运费和工资';
    expect(classify({ text })).toMatchObject({ lead: true, risks: expect.arrayContaining(['extreme']) });
  });

  it.each([
    ['a boss gone, in Cantonese', '五金廠老闆走佬，欠咗成廠工人兩個月人工'],
    ['a boss missing', '服装厂老板失踪，拖欠六十名工人工资约七十万元'],
    ['a sentence in a headline', '拒不支付17名工人工资 一包工头被判刑'],
    ['a supervisor gone', '分拣中心主管跑了，欠我们二十多个人一个月工资'],
  ])('takes %s for a criminal sign', raisesRisk(classify, 'criminal'));

  it.each([
    [
      'a chat told to wait again',
      '老板娘：这个月工资再等等吧。张工：已经等了三个月了，我们班组过年都回不了家',
    ],
    [
      "a joke writer's name in a repost chain",
      '//@段子手阿强:哈哈 //@骑手阿伟:站点老板拖欠我们17个骑手两个月配送费，站点直接解散了',
    ],
  ])('takes %s for a case', readsAsLead(classify, true));

  it.each([
    [
      'an exam question read aloud',
      '我们来做一道题，小明在工厂上班，老板欠他三个月工资，他可以主张什么权利？好，下一题',
    ],
    ['a post that only seemed to be about owed pay', '点进来以为欠薪，结果是工资涨了500'],
    ['rent pressed by the landlord', '房东又来催租了，欠了两个月，gz还没到月底呢'],
    ['a meme', '#欠薪梗# 老板，我的工资呢？在路上了。什么路？丝绸之路 #沙雕#'],
  ])('does not take %s for a case', readsAsLead(classify, false));

  it('reads pay that finally came as settled', () => {
    const text = '厂里拖了半个月的工资今天终于发了，总算可以交房租了';
    expect(classify({ text })).toMatchObject({ lead: false, resolved: true });
  });
});

describe('gaps found by the blind set dev18 (extreme acts told in new words)', async () => {
  const classify = await projectClassifier();

  it.each([
    ['standing on a window sill', '一名木工站在18楼外窗台上，说班组长拖着不给结账，欠他两万多工钱'],
    ['sitting in a tree', '一名男子坐在村口大榕树的树杈上不肯下来，说包工头拖欠他工钱9000元'],
    ['a hoist cage kept aloft', '两名工人把施工升降机吊笼开到70米高处拒不下降，称班组被拖欠工资8.7万元'],
    ['lying on a railway line', '一男子翻越栅栏横卧在钢轨上，称被拖欠工资近一年'],
    ['drinking disinfectant', '后厨帮工讨要被拖欠的工资九千二时情绪失控，喝下半瓶消毒液'],
    ['a blade at the wrist', '一个大哥在监察大队窗口掏出一块刀片比在手腕上，说六万七的工钱一年半没给'],
    ['chained to a gate', '保洁阿姨用链锁把自己跟公司铁门锁在一起，说四个月工资一万零四百一分没给'],
    ['a street lamp climbed, in Cantonese', '有个阿叔爬咗上路灯杆度，老细走佬，欠佢三个月人工'],
    ['kneeling on a road', '七名工人并排跪在路面上，讨要被拖欠的瓦工工资31万'],
    ['sitting at a toll gate', '我们七十几个人就坐在收费站出口，老板欠了我们两年工钱'],
    [
      'a national road blocked with bodies',
      '俺们十来个人把那国道给堵上了，拿身子挡着，十八万六的工钱老板不给',
    ],
  ])('takes %s for an extreme act', raisesRisk(classify, 'extreme'));

  it.each([
    [
      "holding a boss's car to ransom",
      '瓷砖工讨要工钱无果，把包工头的越野车开到江边要挟，说不把一万二结清就推江里去',
    ],
    ['a hammer at the door', '一个工人拿着羊角锤在老板家门口砸门，喊着三万八的工钱今天必须给'],
  ])('takes %s for a criminal sign', raisesRisk(classify, 'criminal'));

  it.each([
    ['a rescue drill', '消防大队在在建项目开展塔吊高空救援实战演练，模拟一名讨薪人员攀爬至起重臂欲跳下'],
    [
      'home buyers on a roof',
      '交房日期过去两年，几十位业主爬上8号楼楼顶挂出条幅，说房贷照还，房子却遥遥无期',
    ],
    ['a gambler on a bridge', '一名男子欠下赌债爬上大桥拱顶，在网贷平台借了二十多万，民警苦劝四小时'],
    // A guard: passes on the old rules too, and keeps 窗台上 from reaching a heartbreak.
    ['a heartbreak on a window sill', '9楼有个女生坐在窗台上哭，听说跟男朋友分手了，男朋友还把她拉黑'],
  ])('does not take %s for a case', (_name, text) => {
    expect(classify({ text })).toMatchObject({ lead: false, risks: [] });
  });

  it.each([
    ['seventy workers sitting at a toll gate', '我们七十几个人就坐在收费站出口，老板欠了我们两年工钱'],
    ['a dozen people blocking a national road', '俺们十来个人把那国道给堵上了，十八万六的工钱老板不给'],
    [
      'five cooks sitting at a school gate',
      '五名厨师坐在校门旁的台阶上，称承包商欠下他们四个月工资共3.5万元',
    ],
  ])('takes %s for a mass gathering', raisesRisk(classify, 'mass_gathering'));

  it('reads a police warning against climbing for wages as no extreme act', () => {
    const text =
      '警方提醒：近期各地时有以爬塔吊、堵路、跳楼相威胁等方式讨要工资的情况发生，劳动者可拨打12333';
    expect(classify({ text }).risks).not.toContain('extreme');
  });

  it('keeps a road block that ended in payment a case', () => {
    const text = '二十多名工人把车停在国道上，过往车辆只能绕行。经协调，总包当天把拖欠的工资全部打到工人卡上';
    expect(classify({ text })).toMatchObject({ lead: true, resolved: true });
  });
});

describe('gaps found by the blind set dev19 (a day of mixed posts)', async () => {
  const classify = await projectClassifier();

  it.each([
    ['poison taken', '区城管局门口一个环卫工阿姨喝了药，旁边的人说公司三个月没发工资了'],
    [
      'a threat to die at the gate',
      '承包方欠我们班组工钱28万元，如果年前再拿不到钱，我就只能死在你们县政府门口',
    ],
  ])('takes %s for an extreme act', raisesRisk(classify, 'extreme'));

  it.each([
    [
      'a platform entry counting the owed',
      '线索内容：某民办幼儿园拖欠5名教师及2名保育员9月至12月工资，合计约8.4万元',
    ],
    [
      'a driver told to wait until after the new year',
      '跑了三个月的干线，工资加趟补一共2万7，现在拖到腊月了还说年后结',
    ],
  ])('takes %s for a case', readsAsLead(classify, true));

  it.each([
    [
      'a chat asking whether pay will come',
      '大刘：今年过年都回不？ 小芳：看工资发不发哈哈 阿强：我们厂说腊月二十放假，工资二十五号才发，到时候高铁票都抢光了 大刘：那你先抢票呗，钱又跑不了',
    ],
    [
      'a weekly bulletin',
      '根治欠薪工作周报（第2期）：本周，全县共接收各类欠薪线索47条，已办结39条，涉及劳动者612人、金额763万元；新增农民工工资专用账户开户项目5个。',
    ],
    [
      'a web novel',
      '网文推荐《重生之我在工地当老板》：前世被黑心老板拖欠工资的主角，这一世决定绝不让工人被欠一分钱',
    ],
  ])('does not take %s for a case', readsAsLead(classify, false));

  it('reads a promise to pay the rest as no payment', () => {
    const text = '我们15名工人被拖欠工资21.8万元。回复：施工单位已支付8万元，剩余部分承诺春节前全部结清';
    expect(classify({ text })).toMatchObject({ lead: true, resolved: false });
  });

  it('reads back pay made in full after an inspection as settled', () => {
    const text = '监察大队发现某物流公司未按时足额支付12名装卸工工资，企业于3日内补发全部工资4.2万元';
    expect(classify({ text })).toMatchObject({ lead: false, resolved: true });
  });
});

describe('gaps found by the blind set dev20 (a winter week heavy on risk)', async () => {
  const classify = await projectClassifier();

  it.each([
    [
      'a cut on the own wrist',
      '包工头拖了我三个月工钱一万八，今天去要又说没钱，我一气之下拿美工刀在自己手腕上划了两道',
    ],
    ['lying before a truck', '老板欠我们半年的运费和工资，师傅们躺在渣土车前面不让车出场'],
    ['trucks jamming a road', '十几辆货车停在城北大道上讨要拖欠的运费和工资，造成交通严重拥堵'],
  ])('takes %s for an extreme act', raisesRisk(classify, 'extreme'));

  it.each([
    [
      'a counted group holding placards',
      '12名保洁员举着写有“还我工资”的纸板站在物业公司楼下，公司已拖欠她们两个月工资',
    ],
    ['cooks at the office door together', '9名厨师集体在酒店办公室门口讨要被拖欠的工资'],
    ['a crew sitting at the site office all day', '我们班组十五个人在项目部门口坐了一整天，工钱还是没有结'],
  ])('takes %s for a gathering', raisesRisk(classify, 'mass_gathering'));

  it.each([
    ['parents wanting prepaid fees back', '一家早教中心突然关门，30多名家长聚集在门口要求退还预付的课时费'],
    [
      'suppliers chasing material payments past the guards',
      '几家建材供应商在开发商售楼部门口拉横幅，讨要拖欠的材料款300多万元，保安把他们拦在门外',
    ],
    [
      'a weekly monitoring report',
      '【县网络舆情周报】本周共监测到涉欠薪网络信息120条，较上周下降12%；涉及爬塔吊、堵路、聚集等高风险信息的线索均已推送属地处置。',
    ],
  ])('does not take %s for a case', readsAsLead(classify, false));

  it.each([
    [
      'one man waiting at the site office',
      '老周欠条揣在兜里，在项目部门口站了一下午，天黑时会计出来说钱到了',
    ],
    [
      'workers going to the police together',
      '老板把店里东西都拉走了，电话关机，我们5个人三个月工资没结，明天一起去派出所报案',
    ],
  ])('does not take %s for a gathering', (_name, text) => {
    expect(classify({ text }).risks).not.toContain('mass_gathering');
  });

  it('takes a work order owing the caller and counted colleagues for a case', () => {
    const text = '来电人称该公司拖欠其与另外3名同事2024年10月、11月工资，共计约2.6万元，要求督促企业支付';
    expect(classify({ text })).toMatchObject({ lead: true, workers: 4, amount_yuan: 26000 });
  });

  it('still takes staff owed pay beside members owed refunds for a case', () => {
    const text = '健身房老板跑路了！会员卡几千块打水漂，我们七八个教练两个月工资也没了，老板手机关机';
    expect(classify({ text })).toMatchObject({ lead: true, risks: expect.arrayContaining(['criminal']) });
  });
});

describe('gaps found by the blind set dev21 (an ordinary fortnight)', async () => {
  const classify = await projectClassifier();

  it.each([
    [
      'a what-if question about a boss fleeing',
      '【求问】假如年底老板突然跑路了，工资找谁要？我们厂效益一般般，有懂的吧友说说',
    ],
    [
      "a lawyer's answer to a what-if",
      '问：如果包工头跑路了，我们工地的工资还能要回来吗？律师答：能。找总包，总包对农民工工资负总责；建设单位未按约定拨付人工费的，在未结清工程款范围内先行垫付；必要时报案，追究拒不支付劳动报酬罪。',
    ],
    [
      'a novel whose worker says no pay, no leaving',
      '小说《归途》节选：老郑蹲在工棚门口抽烟，包工头半个月没露面。「去，不给钱，咱们就不走。」',
    ],
  ])('does not take %s for a case', readsAsLead(classify, false));

  it('raises no criminal sign for a boss who only might flee', () => {
    expect(classify({ text: '假如年底老板突然跑路了，工资找谁要' }).risks).not.toContain('criminal');
  });

  it('reads a payment only expected (预计) as not yet made', () => {
    const text =
      '我们5名代课教师的课时费共3.6万元至今未发放。县教育局回复：相关资金正在走拨付程序，预计春节前发放到位。';
    expect(classify({ text })).toMatchObject({ lead: true, resolved: false });
  });

  it('takes caregivers unpaid since September for a case', () => {
    const text = '她们11个护工是家政公司派过去的，每天24小时陪护，公司从9月起就没发过钱';
    expect(classify({ text })).toMatchObject({ lead: true, workers: 11 });
  });

  it.each([
    [
      'a counted crowd sitting at a gate named at length',
      '来电人反映：其与另外20名工友正坐在经开区「宏达纺织有限公司」大门口，该公司自8月起拖欠工人工资',
    ],
    ['a few women sitting at the factory gate', '俺们几个姐妹的工钱拖到现在不给，今儿俺们都搁厂门口坐着'],
  ])('takes %s for a gathering', raisesRisk(classify, 'mass_gathering'));

  it('takes one man at the boss’s door with pesticide for an act, not a gathering', () => {
    const text = '我爸干了两年，老板一直拖着工钱，今天拿着一瓶农药去老板家门口坐着，说不给钱就喝了';
    const { risks } = classify({ text });
    expect(risks).toContain('extreme');
    expect(risks).not.toContain('mass_gathering');
  });
});

describe('gaps found by the blind set dev22 (news, message boards, courts and social media)', async () => {
  const classify = await projectClassifier();

  it("takes a boss's car stopped at the gate for an extreme act", () => {
    const text = '今天把老板的车拦在厂门口了，不给钱不让走！我给他拉了半年货，运费工资一共一万四千五';
    expect(classify({ text })).toMatchObject({ lead: true, risks: ['extreme'] });
  });

  it('takes trucks blocking a gate for a gathering, not an act', () => {
    const text = '不少工人在厂门口聚集，堵住大门不让货车出入，要求企业结清拖欠的两个月工资';
    expect(classify({ text }).risks).toEqual(['mass_gathering']);
  });

  it('takes a judgment finding a school failed to pay a teacher for a case', () => {
    const text =
      '本院经审理查明：黄某于2022年8月入职启航学校担任数学教师。2023年11月至2024年1月，学校未向黄某支付工资共计2.4万元。';
    expect(classify({ text })).toMatchObject({ lead: true, amount_yuan: 24000 });
  });

  it.each([
    [
      "a lawyer's column",
      '【律师说法】包工头“跑路”了，农民工的工资找谁要？问：我在工地上跟着包工头干活，现在包工头联系不上了，工资该找谁？答：由施工总承包单位先行清偿。',
    ],
    [
      "a judge's column on the crime's thresholds",
      '【法官说法】什么情况下欠薪会构成犯罪？以逃匿等方法逃避支付劳动报酬，数额较大，经责令支付仍不支付的，构成拒不支付劳动报酬罪，处三年以下有期徒刑。拒不支付一名劳动者三个月以上的劳动报酬且数额在五千元至二万元以上的，或者拒不支付十名以上劳动者的劳动报酬且数额累计在三万元至十万元以上的，即为数额较大；提起公诉前付清的，可以减轻处罚。',
    ],
    [
      'villagers gathering over land compensation',
      '因对征地补偿标准存在异议，二十余名村民聚集在镇政府门口，要求当面谈',
    ],
    [
      'parents of a training school that fled',
      '#某培训机构跑路# 几十个家长聚在“启明教育”门口，门早就锁了，好多人刚交了一年的课时费，有家长拉了横幅，给孩子报班真的要当心',
    ],
    [
      'a worker paid in full after a hotline call',
      '农民工老宋在工地干了40多天，工头迟迟不付18600元工钱。老宋拨打12345，监察大队督促后，18600元全部到账。',
    ],
  ])('does not take %s for a case', readsAsLead(classify, false));
});

describe('gaps found by the blind set dev23 (the weeks before Spring Festival, every act in new words)', async () => {
  const classify = await projectClassifier();

  it.each([
    [
      'a man climbing over a footbridge rail',
      '一男子翻越天桥护栏欲跳下，经了解，男子因向他人索要务工费用未果，情绪失控',
    ],
    [
      'a family sitting on a provincial road',
      '今天俺和俺媳妇带着孩子坐到省道上了。喂了一年猪，两口子三万二的工钱，老板一直说没钱',
    ],
    [
      'cars stopped one after another',
      '李某在国道上多次拦截过往车辆，导致交通一度拥堵。经查，李某因索要工资6800元未果而采取过激行为',
    ],
  ])('takes %s for an extreme act', raisesRisk(classify, 'extreme'));

  it.each([
    [
      'a crowd holding a cloth banner',
      '一群农民工坐在马路中间，举着写有“我们要吃饭过年”的布条，干完活半年了钱还没见着',
    ],
    [
      'a chat calling for a meeting at the petition office',
      '各位老乡，明天早上八点半县信访局门口集合，牌子记得带上。海天建工欠咱们的钱拖了一年半了',
    ],
    [
      'drivers beside trucks across a road',
      '前面七八辆渣土车横在路中间，司机们都站在车旁边，说运输队老板欠了他们三个月工资不给',
    ],
    [
      'a crew that will not leave the factory gate',
      '来电人称其与同村共14人现在某包装材料厂门口，该厂拖欠他们工资共10.2万元，工人现在不肯离开',
    ],
    [
      'thirty workers sitting at an office gate since morning',
      '我们电子厂三十几个人在开发区管委会门口从早上坐到现在了，四个月工资啊，厂子说停就停了',
    ],
  ])('takes %s for a gathering', raisesRisk(classify, 'mass_gathering'));

  it.each([
    [
      'a man on a crane who lost at gambling',
      '工地塔吊上下来一个人，不是讨工钱的，是自己赌博输了二十多万，老婆要离婚，一时想不开',
    ],
    [
      'a loan a friend ran off with',
      '7号楼顶站了个人，听说是借给朋友30万做生意，朋友跑了，钱要不回来，一时想不开',
    ],
    [
      'an old man whose sons pay no upkeep',
      '王家庄老汉爬到村里的水塔上了，说三个儿子都不给养老钱，大儿子表态以后每月给钱，老人才下来',
    ],
    [
      'a villager with pesticide over orchard compensation',
      '今天有个村民拿着农药瓶坐在挖掘机前面，说地上的果树补偿算少了，不给说法就不让施工',
    ],
    [
      'a viewer moved by a drama',
      '昨晚追完《春风又绿》第二十集，工人们讨不到工钱一起去堵老板家门那段，看得我眼泪哗哗的',
    ],
  ])('does not take %s for a case', readsAsLead(classify, false));

  it('still takes a complaint asking 这不是欠薪是什么 for a case', () => {
    expect(classify({ text: '拖了半年一分不给，这不是欠薪是什么？我们12个人要个说法' })).toMatchObject({
      lead: true,
    });
  });

  it('takes a crew sitting on a crane since morning for an act, not a gathering (坐到现在 away from a gate)', () => {
    const text = '梁场龙门吊上面坐了三个兄弟，从早上坐到现在，去年的工钱拖到今年';
    expect(classify({ text }).risks).toEqual(['extreme']);
  });
});

describe('gaps found by the blind sets dev25 (a winter fortnight heavy on risk) and dev26 (an ordinary December week)', async () => {
  const classify = await projectClassifier();

  it.each([
    [
      'a worker on a crane in a team chat, with only the sum and the dunning named',
      '班长：@所有人 老周现在在5号塔吊上头，不肯下来\n小李：咋回事？\n班长：还不是那3万8，催了半年了',
    ],
    [
      'a man standing on a billboard with a note of what he is owed',
      '商场门口的大灯箱上站着个人，手里举着张纸，写着“贴砖一万二 拖了半年”，民警在劝',
    ],
    ['a climber on a cooling tower', '一名男子攀上电厂冷却塔外侧的脚手架，称包工头欠他和工友工资5万元'],
    [
      'a threat to crawl under a truck',
      '来电人称被拖欠运费工资3.2万元，现在就在搅拌站门口，不给钱就往车底下钻',
    ],
    [
      'a worker on the roof of the office building, as jieba cuts it',
      '快看，老王站在镇政府办公楼顶上！去年给包工头干了一年，欠他5万一直没要回来',
    ],
    [
      'a relative found sitting on a bridge rail after saying life is not worth it',
      '表弟在工地干了半年，老板欠他1.8万，昨晚说活着真没意思，我们在大桥边找到他时他坐在栏杆上',
    ],
    [
      'timber set alight at the project office',
      '一个工人把一堆木料堆在项目部门口点着了，嘴里喊着“干了半年了，我的钱呢”',
    ],
    [
      "a caller's threat made on a condition",
      '来电人表示，如果这周再拿不到被拖欠的工资，就爬到厂里的烟囱上跳下去',
    ],
  ])('takes %s for an extreme act', raisesRisk(classify, 'extreme'));

  it.each([
    [
      'fifty workers whose labour boss ran off with the pay',
      '去年他带我们50多人盖厂房，工钱一共80多万全让他卷走了，人早就跑到外省去了。有经验的老哥说说下一步怎么办？',
    ],
  ])('takes %s for a case', readsAsLead(classify, true));

  it.each([
    [
      'investors of a collapsed wealth platform under a 血汗钱 banner',
      '金融大厦门口来了上百人，拉着横幅“还我血汗钱”，我以为是农民工讨薪，原来是理财平台的投资人，平台爆雷两年，本金一分没退',
    ],
    [
      'a severance dispute where the pay came on time',
      '留言：我在机械厂上班五年，工资每月都按时发，这个月公司突然裁员让我走人，一分经济补偿都不给，这合理吗？回复：用人单位经济性裁员应依法支付经济补偿。',
    ],
    [
      "a lawyer's explainer column",
      '【律师解读】包工头欠薪跑路，能不能找开发商？律师介绍，建设单位未按约定支付工程款导致拖欠农民工工资的，由建设单位先行垫付',
    ],
  ])('does not take %s for a case', readsAsLead(classify, false));

  it('reads 不到一周全部到账 as paid within a week, a settled story', () => {
    const text = '感谢劳动监察大队！我们班组11个人被欠了两个月工钱，投诉后不到一周全部到账，一共十三万二';
    expect(classify({ text })).toMatchObject({ lead: false, resolved: true });
  });

  it("reads the office's 已收到您的留言 as no payment", () => {
    const text =
      '留言：我们9个管道工干完供水管网工程，5.4万元工钱一直拖着。回复：已收到您的留言，乡里已联系施工单位核实，将于10个工作日内答复。';
    expect(classify({ text })).toMatchObject({ lead: true, resolved: false });
  });
});

describe('gaps found by the blind set dev27 (a December month from every kind of source)', async () => {
  const classify = await projectClassifier();

  it('takes a crane climb for an extreme act when the owed pay is only 没钱给工人', () => {
    const text =
      '新厂房工地今天早上两个工人爬上塔吊了，底下还有人拉着横幅。包工头半个月前就跑路了，电话一直关机。有钱盖厂房没钱给工人？';
    expect(classify({ text })).toMatchObject({
      lead: true,
      risks: expect.arrayContaining(['extreme', 'mass_gathering', 'criminal']),
    });
  });

  it('reads an official statement that confirms the arrears as no denial', () => {
    const text =
      '近日，一段“工人站楼顶讨薪”的视频在网上流传，视频显示一在建楼盘楼顶有多名工人拉起横幅。住建局发布情况说明称，经核实，该项目涉及欠薪工人32名、金额约97万元。经协调，32名工人工资已全部发放到位，工人已安全下楼。';
    expect(classify({ text })).toMatchObject({
      lead: true,
      resolved: true,
      risks: expect.arrayContaining(['extreme']),
    });
  });

  it('reads an order to pay by a deadline as no payment yet', () => {
    const text =
      '【留言】我们班组二十多个人在锦绣华庭项目干钢筋，工钱约60万元一直拖着。【回复】您好！经核实，该项目确存在拖欠劳务费问题。我局已约谈施工总承包单位，责令其于12月31日前通过农民工工资专用账户足额支付。';
    expect(classify({ text })).toMatchObject({ lead: true, resolved: false });
  });

  it('takes a sit-in with placards over pay dragged out for months for a gathering, paid or not', () => {
    const text =
      '昨天我们修路的十几个人在乡政府门口坐了一下午，举着牌子，今天上午钱就到账了。拖了五个月，非得这样才给。';
    expect(classify({ text })).toMatchObject({ lead: true, resolved: true, risks: ['mass_gathering'] });
  });

  it.each([
    [
      "homebuyers' placards over a delivery dragged out for years",
      '业主们举着牌子在售楼部门口坐了一下午，交房拖了两年了，开发商一句话都没有。',
    ],
    [
      'a theft whose wage claim the police found made up',
      '工地报警称钢筋被盗，嫌疑人周某某辩称老板欠他工资。经民警向项目部及工友核实，周某某离场时工资已全部结清并签字确认，所谓欠薪纯属捏造。周某某因涉嫌盗窃已被刑事拘留。',
    ],
    [
      "a worker's thanks once his father's pay came in full",
      '真心感谢劳动监察大队🙏 我爸在石桥一个工地干小工，被包工头欠了一万二，拖了大半年。上周打了12345，昨天钱全部打到我爸卡上了！！',
    ],
  ])('does not take %s for a case', readsAsLead(classify, false));

  it('takes asset transfer to evade enforcement for a criminal sign', () => {
    const text =
      '被执行人某建筑劳务公司负责人周某为逃避执行，将名下两辆工程车过户至亲属名下，28名工人的43.2万元工资至今未付。';
    expect(classify({ text })).toMatchObject({ lead: true, risks: expect.arrayContaining(['criminal']) });
  });

  it('takes a gate blocked by a gathering for a gathering, not a road block', () => {
    const text =
      '30余名务工人员聚集在县政府大门口，反映道路改扩建工程欠薪问题，部分人员手持横幅，造成大门通行受阻。';
    const result = classify({ text });
    expect(result).toMatchObject({ lead: true, risks: ['mass_gathering'] });
  });

  it('reads a question whether anyone got paid back as no payment', () => {
    const text =
      '我们公司被三家建筑公司拖欠混凝土款合计一千多万，起诉赢了，执行不到钱。想问问同行有没有通过政府清欠平台要回来的？';
    expect(classify({ text })).toMatchObject({ resolved: false });
  });

  it("does not read a reply's 您好 as talk of people in general", () => {
    const text =
      '留言：城区环卫工人8月份的工资到9月20日还没发，请问是什么原因？回复：您好，因服务费结算手续延迟，导致环卫作业公司工资发放推迟。经协调，该公司已于9月23日将全体环卫工人8月份工资足额发放到位。';
    expect(classify({ text })).toMatchObject({ lead: false, resolved: true });
  });
});
