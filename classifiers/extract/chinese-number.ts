/**
 * Numbers as Chinese texts write them: 30, 1.2万, 三十, 十五, 两千, 一百零八, 叁万伍仟, 二十余万.
 * Vague forms (十几, 几十, 二三十) are not numbers but ranges; see `readQuantity`.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
}; // biome-ignore format: a table reads best as one

const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000 };

/** Characters that can appear in a Chinese numeral (digits and units). */
export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿';

/**
 * Parses a Chinese numeral such as 三十五, 一万二千, 一百零八, 叁万伍仟, or the spoken 一万二 (12,000)
 * and 三千五 (3,500); null when the text is not one.
 */
export function parseChineseNumeral(text: string): number | null {
  if (!text) return null;
  let yi = 0;
  let wan = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    const value = DIGITS[char];
    if (value !== undefined) {
      if (value === 0 && digit === null) {
        lastUnit = null; // 一百零八: what follows 零 is plain units
        continue;
      }
      digit = digit === null ? value : digit * 10 + value; // 二〇二六
    } else if (char in SMALL_UNITS) {
      lastUnit = SMALL_UNITS[char] as number;
      section += (digit ?? 1) * lastUnit;
      digit = null;
    } else if (char === '万' || char === '萬') {
      wan = (section + (digit ?? 0) || 1) * 10_000;
      section = 0;
      digit = null;
      lastUnit = 10_000;
    } else if (char === '亿') {
      yi = (wan + section + (digit ?? 0) || 1) * 100_000_000;
      wan = 0;
      section = 0;
      digit = null;
      lastUnit = 100_000_000;
    } else {
      return null;
    }
  }
  // A lone digit after a unit is the next unit down: 一万二 is 12,000, 三千五 is 3,500.
  const tail = digit === null ? 0 : lastUnit && digit < 10 ? (digit * lastUnit) / 10 : digit;
  return yi + wan + section + tail;
}

/** Parses Arabic or Chinese digits, with an optional trailing 万/亿/千 multiplier (1.2万, 3千). */
export function parseNumber(text: string): number | null {
  const first = text.charCodeAt(0);
  if (!(first >= 0x30 && first <= 0x39)) return parseChineseNumeral(text);
  const arabic = text.match(/^(\d+(?:,\d{3})*(?:\.\d+)?)(千|万|萬|亿)?$/);
  if (arabic) {
    const digits = arabic[1] as string;
    // replaceAll costs more than the rest of the parse; most numbers have no thousands commas.
    const value = Number(digits.includes(',') ? digits.replaceAll(',', '') : digits);
    const unit = arabic[2] === '千' ? 1000 : arabic[2] ? (BIG_UNITS[arabic[2]] as number) : 1;
    return Math.round(value * unit * 100) / 100;
  }
  return parseChineseNumeral(text);
}
