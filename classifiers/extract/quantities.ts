import { charTable, hasCode, inTable } from '../char-table.ts';
import { parseNumber } from './chinese-number.ts';
import { QUANTITY_STARTS, type QuantityParts, scanQuantity } from './quantity-scanner.ts';

/** A stated quantity: `value` when the text gives one number, else only a range (十几, 二三十). */
export interface Quantity {
  value: number | null;
  min: number;
  max: number | null;
}

/** A quantity found in text, with where it is and the characters that follow it. */
export interface QuantityMatch {
  start: number;
  end: number;
  quantity: Quantity;
  /** The multiplier written after the number and its fuzz (万 in 二十余万), if any. */
  multiplier: '千' | '万' | '亿' | null;
  /** Up to eight characters right after the match, for the caller to read the unit from. */
  after: string;
}

const UNIT_VALUE: Readonly<Record<string, number>> = {
  '': 1,
  十: 10,
  百: 100,
  千: 1000,
  万: 10_000,
  // After Arabic digits only: 5千万, 3百万.
  十万: 100_000,
  百万: 1_000_000,
  千万: 10_000_000,
  亿: 100_000_000,
  k: 1000,
  w: 10_000,
};

/** The multiplier a written unit stands for: 千万 and 百万 are multiples of 万, w is 万. */
const MULTIPLIER_OF: Readonly<Record<string, QuantityMatch['multiplier']>> = {
  千: '千',
  万: '万',
  亿: '亿',
  十万: '万',
  百万: '万',
  千万: '万',
  k: '千',
  w: '万',
};

/** Every quantity expression in the text, left to right. */
export function findQuantities(text: string): QuantityMatch[] {
  const found: QuantityMatch[] = [];
  for (let at = 0; at < text.length; at++) {
    if (!hasCode(QUANTITY_STARTS, text.charCodeAt(at))) continue;
    const scanned = scanQuantity(text, at);
    if (!scanned) continue;
    const { parts: groups, end } = scanned;
    const start = at;
    // Go on after the expression, as a global regex search would.
    at = end - 1;
    const after = text.slice(end, end + 8);
    const written = groups.num && /[万亿]$/.test(groups.num) ? groups.num.slice(-1) : null; // 十一万多
    const stated = groups.mult ?? groups.amult ?? groups.pairMult ?? groups.vagueMult ?? null;
    // 百 alone (3百元) is a plain number's unit, no multiplier.
    const named = stated ? (MULTIPLIER_OF[stated] ?? null) : null;
    const multiplier = named ?? (written as QuantityMatch['multiplier']);
    if (lastOneStartsAWord(groups, text, end)) {
      // 一万八一直没给: the last 一 starts the next word (一直), not the number.
      const shorter = findQuantities(text.slice(start, end - 1));
      for (const q of shorter)
        found.push({
          ...q,
          start: start + q.start,
          end: start + q.end,
          after: text.slice(start + q.end, start + q.end + 8),
        });
      continue;
    }
    const quantity = readGroups(groups, stated);
    if (quantity) found.push({ start, end, quantity, multiplier, after });
  }
  return found;
}

/** Words that begin with 一 and so end no number before them: 一直, 一起, 一共… */
const WORDS_AFTER_ONE = charTable('直起共样般定些下点旦边再切同时度齐并路向概律致');

/** True when a Chinese numeral run ends in a 一 that starts a word (一直, 一起: a lone 一 is no number then). */
function lastOneStartsAWord(groups: QuantityParts, text: string, end: number): boolean {
  const raw = groups.num;
  if (!raw || !raw.endsWith('一') || groups.fuzz || groups.mult || groups.fuzz2) return false;
  return inTable(WORDS_AFTER_ONE, text, end);
}

function readGroups(groups: QuantityParts, multiplier: string | null): Quantity | null {
  const scale = multiplier ? (UNIT_VALUE[multiplier] as number) : 1;
  if (groups.pair) {
    const a = parseNumber(groups.pair[0] as string) as number;
    const b = parseNumber(groups.pair[1] as string) as number;
    if (b !== a + 1) return null;
    const unit = UNIT_VALUE[groups.pairUnit ?? ''] as number;
    return { value: null, min: a * unit * scale, max: b * unit * scale };
  }
  if (groups.vagueLead) {
    const unit = UNIT_VALUE[groups.vagueUnit ?? ''] as number;
    return { value: null, min: 2 * unit * scale, max: 9 * unit * scale };
  }
  if (groups.anum !== undefined) return readArabic(groups, scale);
  const raw = groups.num as string;
  const base = parseNumber(raw);
  if (base === null) return null;
  return fuzzed(raw, base, scale, groups.fuzz, groups.fuzz2);
}

/** 4.6万, 30余万, and the spoken 3万2 (32,000), 3万2千 and 2千5百 (2,500). */
function readArabic(groups: QuantityParts, scale: number): Quantity | null {
  const raw = groups.anum as string;
  const base = parseNumber(raw);
  if (base === null) return null;
  if (groups.tail !== undefined && groups.amult && !groups.afuzz) {
    const unit = groups.tailUnit ? (UNIT_VALUE[groups.tailUnit] as number) : scale / 10;
    // Rounded to fen: 1.15 × 10,000 is 11,499.999… in floating point.
    const value = Math.round((base * scale + Number(groups.tail) * unit) * 100) / 100;
    return { value, min: value, max: groups.afuzz2 ? null : value };
  }
  return fuzzed(raw, base, scale, groups.afuzz, groups.afuzz2);
}

function fuzzed(
  raw: string,
  base: number,
  scale: number,
  fuzz: string | undefined,
  fuzz2: string | undefined,
): Quantity {
  if (fuzz === '几') {
    // 十几 is vague (11–19); 三十几, 一百几 read like 三十多 and 一百多: a stated lower bound.
    const step = raw.endsWith('百') ? 10 : 1;
    if (base < 20) return { value: null, min: (base + step) * scale, max: (base + 9 * step) * scale };
    return { value: base * scale, min: base * scale, max: null };
  }
  return { value: base * scale, min: base * scale, max: fuzz || fuzz2 ? null : base * scale };
}
