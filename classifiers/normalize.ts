import { decodeHTML } from 'entities';
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** What a code unit needs, worked out once so that a text is normalized in one pass. */
const WHITESPACE = 1;
/** Full-width ASCII (！ to ～): NFKC makes it ASCII, one to one. */
const FULL_WIDTH = 2;
const UPPER_ASCII = 4;
/** Anything else NFKC, lower-casing or traditional-to-simplified conversion would touch. */
const SLOW = 8;

const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
const SPACE = 0x20;

/**
 * True when NFKC may change the character or join it to its neighbour: marks, Hangul jamo, the
 * half-width voiced sound marks (ﾞ becomes a combining mark), and surrogates, whose pair decides.
 */
function touchedByNfkc(char: string, code: number): boolean {
  if (code >= 0xd800 && code <= 0xdfff) return true;
  if (code >= 0x1100 && code <= 0x11ff) return true;
  if ((code >= 0xa960 && code <= 0xa97f) || (code >= 0xd7b0 && code <= 0xd7ff)) return true;
  return char.normalize('NFKC') !== char || /\p{M}/u.test(char);
}

/**
 * Traditional characters. A text without one skips the conversion, which costs as much as a
 * third of segmentation: nearly every text is already simplified.
 */
const TRADITIONAL = (() => {
  const codes = new Set<number>();
  for (let code = 0x3400; code <= 0x9fff; code++) {
    const char = String.fromCharCode(code);
    if (toSimplified(char) !== char) codes.add(code);
  }
  return codes;
})();

const TABLE = (() => {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    const char = String.fromCharCode(code);
    // Whitespace becomes one space whatever NFKC makes of it.
    if (/\s/.test(char)) table[code] = WHITESPACE;
    else if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) table[code] = FULL_WIDTH;
    else if (code >= 0x41 && code <= 0x5a) table[code] = UPPER_ASCII;
    else if (touchedByNfkc(char, code) || char.toLowerCase() !== char) table[code] = SLOW;
    else if (TRADITIONAL.has(code)) table[code] = SLOW;
  }
  return table;
})();

/**
 * Text as the rules see it: HTML entities decoded (&amp; → &), traditional characters made
 * simplified (討薪 → 讨薪), full-width letters and digits folded to half-width (３０名 → 30名),
 * Latin lower-cased, runs of whitespace collapsed. Chinese punctuation such as 。 and 、 is kept
 * because it separates clauses.
 */
export function normalizeText(text: string): string {
  const decoded = text.includes('&') ? decodeHTML(text) : text;
  return foldSimpleText(decoded) ?? normalizeFully(decoded);
}

/** The general rule, for texts with characters the one-pass fold does not handle. */
function normalizeFully(text: string): string {
  const folded = text.normalize('NFKC');
  const simplified = hasTraditional(folded) ? toSimplified(folded) : folded;
  return simplified.toLowerCase().replace(/\s+/g, ' ').trim();
}

let buffer = new Uint16Array(1024);
const utf16 = new TextDecoder('utf-16le');

/**
 * `normalizeFully` in one pass, for texts whose only changes are full-width ASCII, upper-case
 * ASCII and whitespace (nearly all Chinese text: ，：！ are full-width); null for any other text.
 */
function foldSimpleText(text: string): string | null {
  if (buffer.length < text.length) buffer = new Uint16Array(text.length * 2);
  let length = 0;
  let changed = false;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    const kind = TABLE[code] as number;
    if (kind === WHITESPACE) {
      // Kept only as one plain space between words; leading and trailing ones go.
      if (code !== SPACE || pendingSpace || length === 0) changed = true;
      pendingSpace = true;
      continue;
    }
    if (kind === SLOW) return null;
    if (kind === FULL_WIDTH) {
      code -= FULL_WIDTH_OFFSET;
      changed = true;
    }
    if (code >= 0x41 && code <= 0x5a) {
      code += 0x20;
      changed = true;
    }
    if (pendingSpace && length > 0) buffer[length++] = SPACE;
    pendingSpace = false;
    buffer[length++] = code;
  }
  if (pendingSpace) changed = true;
  return changed ? utf16.decode(buffer.subarray(0, length)) : text;
}

function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (TRADITIONAL.has(text.charCodeAt(i))) return true;
  return false;
}
