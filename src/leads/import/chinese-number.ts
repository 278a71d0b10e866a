const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
const TOKEN = /\d+(?:\.\d+)?|[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖]|[十拾百佰千仟]|[万萬亿億]/g;

/**
 * A number written with Chinese numerals or units, alone or mixed with Arabic digits: 十五,
 * 三万五 (35000: a trailing digit counts in the unit below the last one), 一百零五, 3.5万, 3万5千.
 * Null when the text is not such a number.
 */
export function parseChineseNumber(text: string): number | null {
  const tokens = text.match(TOKEN);
  if (!tokens || tokens.join('') !== text) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 1;
  let afterZero = false;
  for (const token of tokens) {
    const small = SMALL_UNITS[token];
    const large = LARGE_UNITS[token];
    if (small !== undefined) {
      // 十五 has no digit before its unit; 百 or 千 without one is not a number.
      if (digit === null && small !== 10) return null;
      section += (digit ?? 1) * small;
    } else if (large !== undefined) {
      if (digit === null && section === 0) return null;
      section += digit ?? 0;
      total = large === 1e8 ? (total + section) * large : total + section * large;
      section = 0;
    } else if (token === '零' || token === '〇') {
      if (digit !== null) return null;
      afterZero = true;
      continue;
    } else {
      if (digit !== null) return null;
      digit = DIGITS[token] ?? Number(token);
      continue;
    }
    digit = null;
    lastUnit = small ?? large ?? 1;
    afterZero = false;
  }
  if (digit !== null) {
    const colloquial = !afterZero && lastUnit > 1 && Number.isInteger(digit) && digit < 10;
    section += colloquial ? digit * (lastUnit / 10) : digit;
  }
  return total + section;
}
