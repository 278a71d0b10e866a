import { anyInTable, charTable } from '../char-table.ts';
import { findQuantities, type QuantityMatch } from './quantities.ts';

/** The number of owed workers a text states, or only a range when it is vague (几十名). */
export interface StatedWorkers {
  count: number | null;
  range: { min: number; max: number | null } | null;
  /** True when the count is read from the voice (欠我, 我爸) rather than stated as a number. */
  inferred: boolean;
}

/** People who can be owed pay. Officials, suspects and bystanders are not on the list. */
const WORKER_NOUN =
  '(?<!工作|执法|公务|管理|相关|行政|办案|涉案|医护|安保|维稳|现场)人员|农民工|民工|工人|工友|阿姨|务工人员|劳务人员|劳动者|员工|职工|师傅|兄弟|老乡|骑手|司机|保安|保洁|教师|老师|厨师|技术员|班组成员|钢筋工|木工|瓦工|泥瓦工|架子工|电工|焊工|普工|装修工|妇女|村民|姐妹|工匠|学徒|店员|主播|护工|保姆|教练|前台|伙计|同事|女工|置业顾问|导购|讲师|美容师|美发师|理发师|技师|按摩师|化妆师|大姐|大嫂|大妈|大叔|钳工|(?:环卫|清洁|搬运|装卸|油漆|杂|小|采茶|矿|管道|维修|修理|装窑|电焊)工(?![作资程地厂期钱种龄位])|(?<!工作人|执法人|公务|官|党|委|人)员';
/** 30余名农民工, 23名代课教师, 十一个快递员: a classifier, a few words of description, the noun. */
const COUNTED_WORKERS = new RegExp(`^(?:名|个|位)?[\\u4e00-\\u9fa5]{0,5}?(?:${WORKER_NOUN})`);
/**
 * 26名来自梅岭乡的农民工, 20余名身穿工装的置业顾问: a description ending in 的 may run past the
 * eight characters read after a number.
 */
const COUNTED_DESCRIBED = new RegExp(`^(?:余|多)?(?:名|个|位)[\\u4e00-\\u9fa5]{1,8}?的(?:${WORKER_NOUN})`);
/**
 * The last characters of the worker nouns. Text after a number with none of them names no worker,
 * and most numbers (一直, 2024年, 3日) are passed over without trying the noun alternation.
 */
const WORKER_NOUN_ENDS = charTable(
  WORKER_NOUN.replace(/\(\?<![^)]*\)/g, '')
    .split('|')
    .map((noun) => noun.slice(-1))
    .join(''),
);
const SPAN_AFTER = /^(?:多|余)?(?:个(?:多|半)?月|年|天|周|个星期|个小时|小时|岁)/;
/**
 * 12楼有个阿姨, 十点多有个工人, 2车9人: a floor, a clock time or vehicles, however near a worker noun;
 * 11月农民工工资, 31日前通过农民工工资专户: a date; 一群农民工, 一批工人: a group of no stated size.
 */
const NOT_PEOPLE_AFTER = /^(?:楼|层|栋|幢|点|车|台|辆|米|月|日|群|帮|伙|批|拨)/;
/** 出动2车9人: the rescuers sent, not the workers owed. */
const RESCUERS_BEFORE = /(?:出动|派出|调派|调集)[^，,。；;]{0,6}$/;
const DETAINED_AFTER =
  /^(?:余|多)?(?:名|个|位)?人(?:已|均|先后)?(?:被(?:依法|警方|公安机关)?(?:刑事拘留|行政拘留|拘留|刑拘|抓获|逮捕|判处)|因涉嫌|涉嫌)/;
const COUNTED_PEOPLE = /^(?:名|个|位|号)?人(?!民|员|家|社|次|均|口)/;
/** A form's field: 欠薪人数：14, 涉及人数: 22, and a bare 人数：1 between a row's separators. */
const COUNT_FIELD = /(?:欠薪|涉及|被欠|讨薪|涉欠|来访|上访|[|｜，,；;\s])人数[：:]\s*$/;
/** 工人189名, 农民工32人: the count after the noun. */
const WORKERS_THEN_COUNT = new RegExp(`(?:${WORKER_NOUN})(?:共|共计|合计)?$`);
/** A group that speaks for itself or is totalled: 我们一共7个人, 共12人, 张某等11人. */
const GROUP_BEFORE = /(我们|咱们|俺们|一共|共计|合计|总共|共|全体|我们班组|我们村|等)[^，,。；;]{0,4}$/;
const OWED_NEARBY = /欠|拖|讨|工资|工钱|薪|血汗钱|工程款|劳务费|没给|不给|没发|未付|干活|打工|干了/;
/**
 * 我和另外两个伙计, 其和5名工友, 我母亲和另外4位阿姨, 其本人及另外5名工友 (a 12345 work order's
 * wording): the companions, plus the one spoken of.
 */
const COMPANIONS =
  /(?:我|其|他|她)(?:本人)?(?:的)?(?:母亲|妈妈|父亲|爸爸|老公|丈夫|爱人|媳妇|老婆|哥哥|弟弟|姐姐|妹妹)?(?:和|同|跟|与|及|以及|带着)(?:另外)?$/;
/**
 * One person's case: 欠我, 拖欠其, 一名男子, 原告刘某诉, a 12345 or petition record told of one
 * person (诉求人反映：其…, 来电人王某反映), a worker named in the third person (农民工老宋, 瓦工张某),
 * and a judgment's defendant who was owed the pay or victim who came for it (被告人方某因……被拖欠,
 * 被害人陈某……讨要): in a 拒不支付劳动报酬罪 judgment the defendant is the boss, not one of these.
 */
const SINGLE =
  /(欠我(?!们)|欠了我(?!们)|欠他(?!们)|欠了他(?!们)|欠她(?!们)|拖欠其(?!和|与|及)|欠其(?!和|与|及)|拖欠我(?!们)|拖欠他(?!们)|拖欠她(?!们)|我的工资|他的工资|她的工资|我一个人|一名男子|一名女子|该男子|该女子|一男子|一女子|一名工人|一名农民工|一名女教师|一名教师|一个大哥|我爸|我父亲|我哥|我弟|我老公|我丈夫|我舅舅|某某?\((?:男|女)|该工人|该员工|前员工|原告[\u4e00-\u9fa5]{1,3}(?:诉|与|向本院)|申请人[\u4e00-\u9fa5]{1,3}(?:与|诉)|差我(?!们)|欠本人|欠原告(?!们|等)|一(?:个|位|名)(?:大叔|大爷|大姐|大妈|阿姨|小伙子?|姑娘)|一个男的|一个女的|一男的|一女的|一名男性|一名女性|(?:诉求人|信访人|投诉人|来电人|反映人|举报人)[\u4e00-\u9fa5]{0,4}反映[：:，,]?其(?!和|与|及|等)|(?:诉求人|信访人|投诉人|来电人|反映人|举报人)[\u4e00-\u9fa5]{0,4}[，,]?称[：:]?其?(?!和|与|及|等)|(?:诉求人|信访人|投诉人|来电人|反映人|举报人)[：:]?[\u4e00-\u9fa5]{1,4}(?:[（(][^）)]{0,12}[）)])?[，,]?反映(?!人)|反映其(?:在|于|自)|申请人[：:][\u4e00-\u9fa5]{1,4}[，,](?:男|女)|申请执行人[\u4e00-\u9fa5]{1,4}(?:（|\(|与|诉)|有个(?:男的|女的|大哥|大叔|阿叔|大爷|阿姨|大姐|大妈|工人|师傅)|一名\d+岁|患者|来电人于|拖欠被告人|被告人[\u4e00-\u9fa5]{1,3}因[^。]{0,30}被拖欠|被害人[\u4e00-\u9fa5]{1,3}[^。]{0,20}讨要|(?:原审原告|被上诉人)[)）]?[：:][\u4e00-\u9fa5]{1,4}[，,](?:男|女)|(?:农民工|民工|工人|工友|瓦工|木工|电工|焊工|钢筋工|架子工|油漆工|水电工|司机|厨师|员工|职工)(?:[\u4e00-\u9fa5]某|(?:老|小)(?![乡板家婆公人年伙些们组时区群队班型])[\u4e00-\u9fa5]))/;
const MANY =
  /(欠我们|拖欠我们|欠他们|拖欠他们|欠她们|我们的工资|大家的工资|工友们的|我们几个|我们这些|我们班组|工人们)/;
/** A post in one person's voice about their own or a relative's pay. */
const ONE_VOICE =
  /(我(?![们县市区省局院镇乡国司厂单委办部所队])|本人|俺(?!们)|表哥|表弟|母亲|妈妈|父亲|老公|媳妇|老婆|丈夫|儿子|女儿)/;
// 一起 only as going together: 年底一起算, 一起给 is one person's pay settled at once.
// 大家 and 他们 as the listeners or the other side (大家说说, 请问大家, 他们说) are nobody's pay.
const PLURAL_VOICE =
  /(我们|咱们|俺们|工友们|(?<![请问求])大家(?!说|帮|看|评|给|觉得|有没有|知道)|他们(?!说|讲|称|告诉)|她们|伙计们|兄弟们|一起去|一起到|一起找|一起讨|一起要|一起来|同事们)/;

/**
 * How many workers are owed. A count qualifies when a worker noun follows it (30余名农民工,
 * 23名代课教师) or precedes it (涉及工人189名), or when plain 人 follows it in a group that
 * speaks for itself (我们一共7个人) or near talk of owed pay. The largest qualifying count is the
 * case's size; a text with only vague counts yields a range; a text about one person's pay
 * (欠我, 拖欠其) with no count is one worker.
 */
export function extractWorkers(
  text: string,
  quantities: readonly QuantityMatch[] = findQuantities(text),
): StatedWorkers {
  const counts = quantities
    .filter((match) => qualifies(text, match))
    .map((match) => (isCompanionCount(text, match) ? plusOne(match) : match));
  if (counts.length > 0) {
    const exact = counts.filter((m) => m.quantity.value !== null && Number.isInteger(m.quantity.value));
    if (exact.length > 0) {
      const best = exact.reduce((a, b) =>
        (b.quantity.value as number) > (a.quantity.value as number) ? b : a,
      );
      const { value, max, min } = best.quantity;
      return { count: value, range: max === value ? null : { min, max }, inferred: false };
    }
    const widest = counts.reduce((a, b) => (b.quantity.min > a.quantity.min ? b : a));
    return { count: null, range: { min: widest.quantity.min, max: widest.quantity.max }, inferred: false };
  }
  if (SINGLE.test(text) && !MANY.test(text)) return { count: 1, range: null, inferred: true };
  if (ONE_VOICE.test(text) && !PLURAL_VOICE.test(text)) return { count: 1, range: null, inferred: true };
  return { count: null, range: null, inferred: false };
}

function isCompanionCount(text: string, match: QuantityMatch): boolean {
  return COMPANIONS.test(text.slice(Math.max(0, match.start - 6), match.start));
}

function plusOne(match: QuantityMatch): QuantityMatch {
  const { value, min, max } = match.quantity;
  return {
    ...match,
    quantity: { value: value === null ? null : value + 1, min: min + 1, max: max === null ? null : max + 1 },
  };
}

/** 120急救人员, 110民警: a service's phone number before its staff, not a count of them. */
const SERVICE_NUMBERS = new Set([110, 119, 120, 122, 12345]);
const COUNT_WORD_AFTER = /^(?:余|多)?(?:名|个|位|人)/;

function qualifies(text: string, match: QuantityMatch): boolean {
  const value = match.quantity.value ?? match.quantity.min;
  if (match.multiplier || value < 1 || value > 100_000) return false;
  if (SERVICE_NUMBERS.has(value) && !COUNT_WORD_AFTER.test(match.after)) return false;
  // 干了8个月木工, 做了三年保安, 五十岁往上的阿姨: a span of time or an age, then the trade.
  if (SPAN_AFTER.test(match.after) || NOT_PEOPLE_AFTER.test(match.after)) return false;
  if (anyInTable(WORKER_NOUN_ENDS, match.after) && COUNTED_WORKERS.test(match.after)) return true;
  if (
    /^(?:余|多)?(?:名|个|位)[\u4e00-\u9fa5]/.test(match.after) &&
    COUNTED_DESCRIBED.test(text.slice(match.end, match.end + 20))
  )
    return true;
  const before = text.slice(Math.max(0, match.start - 10), match.start);
  if (RESCUERS_BEFORE.test(before)) return false;
  if (COUNT_FIELD.test(before)) return true;
  // The cheap test first: the noun alternation is tried at every position of `before`.
  if (/^(?:余|多)?(?:名|人)/.test(match.after) && WORKERS_THEN_COUNT.test(before)) return true;
  if (!COUNTED_PEOPLE.test(match.after)) return false;
  // 吴某等5人已被行政拘留: those detained are not the ones owed.
  if (DETAINED_AFTER.test(text.slice(match.end, match.end + 16))) return false;
  if (GROUP_BEFORE.test(before)) return true;
  return OWED_NEARBY.test(text.slice(Math.max(0, match.start - 25), match.end + 25));
}
