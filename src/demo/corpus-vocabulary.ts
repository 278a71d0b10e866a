// Slot vocabulary. Every name here is invented; none of them contains a full town name, so the
// town a post mentions is always the one drawn for it.
export interface Trade {
  sites: readonly string[];
  companySuffixes: readonly string[];
  jobs: readonly string[];
}
// biome-ignore format: packed lists keep the data scannable
export const BUILDING_TRADE: Trade = {
  sites: ['安置房项目', '学校教学楼', '商品房小区', '医院住院楼', '产业园厂房', '保障性住房项目', '卫生院改扩建工程', '农贸市场改造项目'],
  companySuffixes: ['建筑劳务有限公司', '建设工程有限公司', '建筑工程有限公司'],
  jobs: ['钢筋工', '木工', '泥瓦工', '架子工', '水电工'],
};
export const CIVIL_TRADES: readonly Trade[] = [
  {
    sites: ['县道改建工程', '乡村公路硬化工程', '跨河大桥工程', '农村公路提档升级工程'],
    companySuffixes: ['路桥工程有限公司', '交通建设有限公司'],
    jobs: ['摊铺工', '普工', '钢筋工', '混凝土工'],
  },
  {
    sites: ['水库除险加固工程', '河道治理工程', '农田水利灌溉工程', '污水管网改造工程'],
    companySuffixes: ['水利水电工程有限公司', '市政工程有限公司'],
    jobs: ['管道工', '混凝土工', '普工', '钢筋工'],
  },
];
export interface Workplace {
  shop: string;
  companySuffix: string;
  jobs: readonly string[];
  here: string;
}
export const WORKPLACES: readonly Workplace[] = [
  { shop: '电子厂', companySuffix: '电子科技有限公司', jobs: ['普工', '质检员', '流水线组长'], here: '厂里' },
  { shop: '服装厂', companySuffix: '服饰有限公司', jobs: ['缝纫工', '熨烫工', '普工'], here: '厂里' },
  { shop: '鞋厂', companySuffix: '鞋业有限公司', jobs: ['普工', '针车工'], here: '厂里' },
  { shop: '家具厂', companySuffix: '家具有限公司', jobs: ['油漆工', '木工', '普工'], here: '厂里' },
  { shop: '食品加工厂', companySuffix: '食品有限公司', jobs: ['普工', '包装工', '叉车司机'], here: '厂里' },
  { shop: '火锅店', companySuffix: '餐饮管理有限公司', jobs: ['服务员', '厨师', '传菜员'], here: '店里' },
  { shop: '大酒店', companySuffix: '酒店管理有限公司', jobs: ['服务员', '厨师', '前台'], here: '店里' },
  { shop: '连锁超市', companySuffix: '商贸有限公司', jobs: ['收银员', '理货员'], here: '店里' },
  { shop: '培训学校', companySuffix: '教育咨询有限公司', jobs: ['老师', '课程顾问'], here: '学校' },
  { shop: '驾校', companySuffix: '驾驶员培训有限公司', jobs: ['教练', '招生专员'], here: '驾校' },
];
// biome-ignore format: packed lists keep the data scannable
export const VOCAB = {
  brands: ['鑫达', '宏盛', '恒远', '瑞丰', '永嘉', '金石', '华茂', '盛泰', '博远', '腾骏', '富源', '顺和', '锦程', '天禾', '嘉诚'],
  brandAreas: ['', '', '青禾', '东湖', '龙泉', '柳林', '新城'],
  villages: ['杨家村', '后湾村', '大坪村', '李庄村', '赵家沟村', '上河村', '松林村', '桃园村', '王家营村', '石门村'],
  communities: ['桃园社区', '南街社区', '新华社区', '滨河社区', '幸福里社区', '阳光社区'],
  schoolKinds: ['中心小学', '第一初级中学', '第二小学', '中学'],
  surnames: ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林'],
  relatives: ['我爸', '我老公', '我哥', '我舅舅', '我弟弟', '我公公'],
  crowds: ['十几', '二十多', '三十多', '四十多', '五十多', '20多', '30多', '上百'],
  months: ['5个月', '8个月', '半年', '大半年', '三个多月', '小半年', '一年多', '10个月', '四个多月'],
  since: ['去年10月', '去年年底', '今年3月', '今年开春', '今年5月', '去年8月', '今年4月', '去年国庆后'],
  colloquialOwed: ['三万多块', '两万多块', '一万八', '六千多块', '四万出头', '一万二', '八千多块', '两万五'],
  phonePrefixes: ['139', '138', '135', '150', '186', '177', '133', '158'],
  minWages: [1950, 2000, 2050, 2100, 2150, 2200],
  foods: ['羊肉汤', '牛肉面', '烧饼', '米粉', '铁锅炖', '胡辣汤', '酸菜鱼', '烤红薯', '豆腐脑', '烩面'],
  roads: ['滨河路', '建设路', '人民路', '环城东路', '迎宾大道', '解放路', '文化路', '工业大道'],
  festivals: ['草莓采摘节', '柿子文化节', '冬季年货节', '美食文化节', '冰糖橙采摘节', '民俗文化节'],
  courses: ['美术', '游泳', '书法', '编程', '舞蹈', '英语', '围棋'],
  products: ['纸箱', '五金配件', '塑料件', '服装辅料', '农机配件', '包装袋'],
} as const;
