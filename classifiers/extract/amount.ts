import { charTable, inTable } from '../char-table.ts';
import { findQuantities, type Quantity, type QuantityMatch } from './quantities.ts';

/** The owed amount a text states: a number, or only a range when the text is vague. */
export interface StatedAmount {
  yuan: number | null;
  range: { min: number; max: number | null } | null;
}

const MONEY_UNIT = /^(?:元|块钱|块|圆|元钱)/;
/** What must not follow a number for it to be money: people, area, distance, time, floors. */
const NOT_MONEY_AFTER =
  /^(?:多|余|来)?(?:人|名|个|位|号|户|平|亩|公里|米|吨|件|次|份|字|辆|套|家|条|天|年|月|日|点|时|分|岁|楼|层|斤|元\/|%|％)/;
/** Words before an amount that say it is what is owed. */
const OWED_BEFORE =
  /(欠|拖欠|拖|差|扣|讨|要|追|追讨|讨要|结算|结清|未付|未支付|没给|没结|不给|没打款|没发|没|未|垫付|合计|共计|累计|总计|一共|共|涉及|涉案|金额|工资|工钱|薪|报酬|应得|工程款|劳务费|人工费|血汗钱|尾款|佣金|提成|费)/;
/** Right after an amount, the pay it is: 两万八的工钱, 26000的提成. */
const PAY_AFTER = /^的?(?:工钱|工资|提成|血汗钱|辛苦钱|劳务费|人工费|工程款|劳动报酬)/;
/** Right after an amount, these say it is the pay, recovered or still owed: 8600一分不少, 三万一全拿到了. */
const SETTLED_OR_OWED_AFTER =
  /^[^，,。；;!?！？]{0,3}?(?:一分不少|分文不少|一分没少|全拿到|全部拿到|全部到账|到账|拿到手|一直没给|没给|一直拖|拖着|没结|还没给)/;
/** Right before a bare number, the pay it is: 课时费6400, 工资 5600, 涉诉金额：9000. */
const PAY_BEFORE = /(?:工资|工钱|薪水|薪资|课时费|提成|人工费|劳务费|gz|金额)[^，,。；;!?！？\d]{0,4}$/;
const YEAR = /^(?:19|20)\d\d$/;
/** A currency sign right before a number: ¥14,700. */
const CURRENCY_BEFORE = /[¥￥]\s*$/;
/** Owing said right before a bare number: 还欠我3240, 差他1800. */
const OWED_TO_BEFORE = /(?:欠|欠了|差|拖欠|扣了|扣我)(?:我|我们|他|她|其|俺|咱)?$/;
/** Talk of owing or paying shortly before a spoken sum: 欠我一万八千五, 工钱一万八. */
const PAY_TALK_BEFORE =
  /(欠|差|拖|扣|要|结|讨|给|缓发|少发|没发|一共|共计|合计|总共|算下来|加起来|工钱|工资|薪|费)[^。；;!?！？]{0,10}$/;
/** Right before an amount, these make it the total. */
const TOTAL_BEFORE = /(共计|合计|一共|总计|累计|总共|共|加起来|算下来)(?:有|是|约|大概)?$/;
/** Right before an amount, these make it something else: a pay rate, a fine, a deposit, a price. */
const NOT_OWED_BEFORE =
  /(月薪|日薪|时薪|年薪|每天|一天|每日|每月|(?<![最后上这那头前])一个月|每人|人均|平均|单价|工价|标准|保证金|罚款|罚金|并处|奖励|房租|租金|物业费|社保|货款|首付|房价|售价|价格|生活费|路费|收入)[^，,。；;]{0,3}$/;

/**
 * The amount owed in this case. A number counts as money when it says 元/块, carries 万/亿, or
 * is a spoken sum such as 一万八千五 or 两万八 right after talk of owing. It counts as owed when
 * what precedes it speaks of owing and not of a pay rate, a fine or a price. Of those, the
 * largest is the total; a text that only gives a vague figure (十几万) yields a range and no number.
 */
export function extractAmount(
  text: string,
  quantities: readonly QuantityMatch[] = findQuantities(text),
): StatedAmount {
  const owed = quantities.filter((match) => isMoney(text, match) && isOwed(text, match));
  if (owed.length === 0) return { yuan: null, range: null };
  const exact = owed.filter((m) => m.quantity.value !== null);
  if (exact.length > 0) {
    const best = exact.reduce((a, b) =>
      (b.quantity.value as number) > (a.quantity.value as number) ? b : a,
    );
    return { yuan: best.quantity.value, range: rangeOf(best.quantity) };
  }
  const widest = owed.reduce((a, b) => (b.quantity.min > a.quantity.min ? b : a));
  return { yuan: null, range: rangeOf(widest.quantity) };
}

function isMoney(text: string, match: QuantityMatch): boolean {
  if (MONEY_UNIT.test(match.after)) return true;
  if (CURRENCY_BEFORE.test(text.slice(Math.max(0, match.start - 2), match.start))) return true;
  if (NOT_MONEY_AFTER.test(match.after) || /^[\d.]/.test(match.after)) return false;
  if (PAY_AFTER.test(match.after)) return true;
  if (match.multiplier === '万' || match.multiplier === '亿') return true;
  const written = text.slice(match.start, match.end);
  // Online shorthand is money talk: 3k多, 7k.
  if (written.includes('k')) return true;
  const lead = text.slice(Math.max(0, match.start - 14), match.start);
  // A spoken sum with no unit (欠我一万八千五, 工钱一万八一直没给): a large one, told as pay.
  if (/[千仟万萬]/.test(written))
    return PAY_TALK_BEFORE.test(lead) || SETTLED_OR_OWED_AFTER.test(match.after);
  // A bare Arabic number is as likely a phone number, a year or an id: only a three-to-six-digit
  // one named as pay (课时费6400) or told as paid or owed (8600一分不少).
  if (!/^\d{3,6}$/.test(written)) return false;
  return (
    PAY_BEFORE.test(lead) ||
    (!YEAR.test(written) && (SETTLED_OR_OWED_AFTER.test(match.after) || OWED_TO_BEFORE.test(lead)))
  );
}

function isOwed(text: string, match: QuantityMatch): boolean {
  const before = text.slice(Math.max(0, match.start - 24), match.start);
  const sentence = before.slice(lastSentenceEnd(before) + 1);
  if (TOTAL_BEFORE.test(sentence)) return true;
  if (NOT_OWED_BEFORE.test(sentence)) return false;
  return (
    OWED_BEFORE.test(sentence) ||
    OWED_BEFORE.test(text.slice(match.end, match.end + 6)) ||
    SETTLED_OR_OWED_AFTER.test(match.after)
  );
}

const SENTENCE_ENDS = charTable('。！？!?；;');

/** Where the last sentence mark is, or -1. */
function lastSentenceEnd(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (inTable(SENTENCE_ENDS, text, i)) return i;
  return -1;
}

function rangeOf(quantity: Quantity): StatedAmount['range'] {
  return quantity.value !== null && quantity.max === quantity.value
    ? null
    : { min: quantity.min, max: quantity.max };
}
