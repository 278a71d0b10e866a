/**
 * Reads one quantity expression at a position, by hand. It reads exactly what this pattern,
 * tried sticky at the position, would match (CN is any Chinese numeral character, SMALL one of
 * 一二两三四五六七八九, TAIL_NOT one of 个人名位月天年号次件岁):
 *
 *   (?<pair>SMALL SMALL)(?<pairUnit>[十百千万]?)(?<pairMult>[万亿](?!CN))?
 *   | (?<vagueLead>几)(?<vagueUnit>[十百千万])(?<vagueMult>[万亿](?!CN))?
 *   | (?<anum>\d+(?:,\d{3})*(?:\.\d+)?)(?<afuzz>几|多|余|来)?(?<amult>[十百千]万|[百千万亿]|[kw](?![a-z]))?
 *     (?<tail>\d(?![\d.]|TAIL_NOT))?(?<tailUnit>[千百](?!CN))?(?<afuzz2>多|余)?
 *   | (?<num>CN+)(?<fuzz>几|多|余|来)?(?<mult>[千万亿](?!CN))?(?<fuzz2>多|余)?
 *
 * That pattern, tried at each of the 15 or so numeral characters of a post, took 5–6 µs of a
 * post's classification; this takes a fraction. Every part after the number is optional, so the
 * first path the regex engine would try always succeeds: each part is taken greedily, in order,
 * with no backtracking. `quantity-scanner.test.ts` holds the pattern and checks the two agree.
 */
import { type CharTable, charTable, hasCode } from '../char-table.ts';
import { CHINESE_NUMERAL_CHARS } from './chinese-number.ts';

/** The parts of a quantity expression, named as the pattern's groups; absent parts are undefined. */
export interface QuantityParts {
  pair: string | undefined;
  pairUnit: string | undefined;
  pairMult: string | undefined;
  vagueLead: string | undefined;
  vagueUnit: string | undefined;
  vagueMult: string | undefined;
  anum: string | undefined;
  afuzz: string | undefined;
  amult: string | undefined;
  tail: string | undefined;
  tailUnit: string | undefined;
  afuzz2: string | undefined;
  num: string | undefined;
  fuzz: string | undefined;
  mult: string | undefined;
  fuzz2: string | undefined;
}

export interface ScannedQuantity {
  end: number;
  parts: QuantityParts;
}

const NUMERALS = charTable(CHINESE_NUMERAL_CHARS);
const SMALL = charTable('一二两三四五六七八九');
const PAIR_UNITS = charTable('十百千万');
const BIG_MULTIPLIERS = charTable('万亿');
const FUZZ = charTable('几多余来');
const FUZZ_AFTER = charTable('多余');
const CHINESE_MULTIPLIERS = charTable('千万亿');
const ARABIC_MULTIPLIERS = charTable('百千万亿');
const TEN_THOUSAND_PREFIXES = charTable('十百千');
const TAIL_NOT = charTable('个人名位月天年号次件岁');
const TAIL_UNITS = charTable('千百');
/** The characters a quantity can start with. */
export const QUANTITY_STARTS: CharTable = charTable(`${CHINESE_NUMERAL_CHARS}几0123456789`);

const JI = 0x51e0; // 几
const WAN = 0x4e07; // 万
const COMMA = 0x2c;
const DOT = 0x2e;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLowerLatin(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** The code unit at `at`, or -1 past the end (NaN would fail every table lookup anyway, but slowly). */
function codeAt(text: string, at: number): number {
  return at < text.length ? text.charCodeAt(at) : -1;
}

function has(table: CharTable, code: number): boolean {
  return code >= 0 && hasCode(table, code);
}

/** One character of `table` at `at` that no Chinese numeral follows (万 in 三四万元, not in 三四万五). */
function loneChar(text: string, at: number, table: CharTable): boolean {
  return has(table, codeAt(text, at)) && !has(NUMERALS, codeAt(text, at + 1));
}

function emptyParts(): QuantityParts {
  return {
    pair: undefined,
    pairUnit: undefined,
    pairMult: undefined,
    vagueLead: undefined,
    vagueUnit: undefined,
    vagueMult: undefined,
    anum: undefined,
    afuzz: undefined,
    amult: undefined,
    tail: undefined,
    tailUnit: undefined,
    afuzz2: undefined,
    num: undefined,
    fuzz: undefined,
    mult: undefined,
    fuzz2: undefined,
  };
}

/** The quantity expression starting exactly at `start`, or null when none does. */
export function scanQuantity(text: string, start: number): ScannedQuantity | null {
  const first = codeAt(text, start);
  if (has(SMALL, first) && has(SMALL, codeAt(text, start + 1))) return scanPair(text, start);
  if (first === JI) return scanVague(text, start);
  if (isDigit(first)) return scanArabic(text, start);
  if (has(NUMERALS, first)) return scanChinese(text, start);
  return null;
}

/** 二三十, 五六万: two small numerals, then an optional unit and multiplier. */
function scanPair(text: string, start: number): ScannedQuantity {
  const parts = emptyParts();
  let at = start + 2;
  parts.pair = text.slice(start, at);
  if (has(PAIR_UNITS, codeAt(text, at))) parts.pairUnit = text[at++];
  else parts.pairUnit = '';
  if (loneChar(text, at, BIG_MULTIPLIERS)) parts.pairMult = text[at++];
  return { end: at, parts };
}

/** 几十, 几百万: 几 needs a unit after it. */
function scanVague(text: string, start: number): ScannedQuantity | null {
  if (!has(PAIR_UNITS, codeAt(text, start + 1))) return null;
  const parts = emptyParts();
  parts.vagueLead = text[start];
  parts.vagueUnit = text[start + 1];
  let at = start + 2;
  if (loneChar(text, at, BIG_MULTIPLIERS)) parts.vagueMult = text[at++];
  return { end: at, parts };
}

/** 4.6万, 1,200, 30余万, 3k多, 3万2, 2千5百. */
function scanArabic(text: string, start: number): ScannedQuantity {
  const parts = emptyParts();
  let at = start;
  while (isDigit(codeAt(text, at))) at++;
  // Thousands groups: a comma and exactly three digits, as often as they come.
  while (
    codeAt(text, at) === COMMA &&
    isDigit(codeAt(text, at + 1)) &&
    isDigit(codeAt(text, at + 2)) &&
    isDigit(codeAt(text, at + 3))
  )
    at += 4;
  if (codeAt(text, at) === DOT && isDigit(codeAt(text, at + 1))) {
    at++;
    while (isDigit(codeAt(text, at))) at++;
  }
  parts.anum = text.slice(start, at);
  if (has(FUZZ, codeAt(text, at))) parts.afuzz = text[at++];
  at = scanArabicMultiplier(text, at, parts);
  const tail = codeAt(text, at);
  if (isDigit(tail)) {
    const next = codeAt(text, at + 1);
    if (!isDigit(next) && next !== DOT && !has(TAIL_NOT, next)) parts.tail = text[at++];
  }
  if (loneChar(text, at, TAIL_UNITS)) parts.tailUnit = text[at++];
  if (has(FUZZ_AFTER, codeAt(text, at))) parts.afuzz2 = text[at++];
  return { end: at, parts };
}

/** 十万, 百万, 千万 before single 百, 千, 万, 亿, then k and w (not in km, kg, kw). */
function scanArabicMultiplier(text: string, at: number, parts: QuantityParts): number {
  const code = codeAt(text, at);
  if (has(TEN_THOUSAND_PREFIXES, code) && codeAt(text, at + 1) === WAN) {
    parts.amult = text.slice(at, at + 2);
    return at + 2;
  }
  if (
    has(ARABIC_MULTIPLIERS, code) ||
    ((code === 0x6b || code === 0x77) && !isLowerLatin(codeAt(text, at + 1)))
  ) {
    parts.amult = text[at];
    return at + 1;
  }
  return at;
}

/** 三十五, 一万二千, 叁万伍仟, 三十多万. */
function scanChinese(text: string, start: number): ScannedQuantity {
  const parts = emptyParts();
  let at = start;
  while (has(NUMERALS, codeAt(text, at))) at++;
  parts.num = text.slice(start, at);
  if (has(FUZZ, codeAt(text, at))) parts.fuzz = text[at++];
  if (loneChar(text, at, CHINESE_MULTIPLIERS)) parts.mult = text[at++];
  if (has(FUZZ_AFTER, codeAt(text, at))) parts.fuzz2 = text[at++];
  return { end: at, parts };
}
