import { normalizePhone, PHONE_PATTERN, residentIdProblem } from '../intake-item.ts';
import { parseChineseNumber } from './chinese-number.ts';

/**
 * Pure converters from one spreadsheet cell to one IntakeItem value. Reasons are in Chinese
 * because the clerk who fixes the sheet reads them; they never repeat a phone or ID number.
 */

/** A cell as the readers hand it over: exceljs values flattened, CSV cells as strings. */
export type CellInput = string | number | boolean | Date | null | undefined;

/** A converted value (null for an empty cell), or why the cell cannot be used. */
export type CellResult<T> = { ok: true; value: T | null } | { ok: false; reason: string };

export const ok = <T>(value: T | null): CellResult<T> => ({ ok: true, value });
export const fail = <T>(reason: string): CellResult<T> => ({ ok: false, reason });

/** What clerks type into a cell to mean "nothing here". */
const PLACEHOLDERS = new Set(['-', '--', '—', '——', '/', '无', '暂无', '不详', '未知', '空']);

/** Full-width digits and letters (１２３, ＡＢＣ) as ASCII: IMEs and copied documents produce both. */
export function halfWidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ．，：－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * The cell as trimmed text (full-width and non-breaking spaces count as spaces), or null when it
 * is empty or a placeholder. Line breaks inside are kept.
 */
export function cellText(cell: CellInput): string | null {
  if (cell === null || cell === undefined) return null;
  let text: string;
  if (cell instanceof Date) text = cell.toISOString().slice(0, 10);
  else if (typeof cell === 'boolean') text = cell ? '是' : '否';
  else text = String(cell);
  text = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u3000\u00a0]/g, ' ')
    .trim();
  return text === '' || PLACEHOLDERS.has(text) ? null : text;
}

/** Free text; single-line fields have their line breaks and runs of spaces folded into one space. */
export function parseText(cell: CellInput, multiline = false): CellResult<string> {
  const text = cellText(cell);
  if (text === null) return ok(null);
  return ok(multiline ? text : text.replace(/\s+/g, ' '));
}

/** Excel keeps 15 significant digits; a longer number typed into a general cell lost its tail. */
function lostDigits(cell: CellInput): boolean {
  if (typeof cell === 'number') return !Number.isSafeInteger(cell) || Math.abs(cell) >= 1e15;
  return typeof cell === 'string' && /^\d(?:\.\d+)?E\+\d+$/i.test(cell.trim());
}

/** 线索编号: any text; a long number is refused because its last digits are gone. */
export function parseExternalId(cell: CellInput): CellResult<string> {
  if (lostDigits(cell)) return fail('线索编号被存为数字，末几位可能已丢失，请将该列设为文本后重新导出');
  return parseText(cell);
}

const AMOUNT_PREFIX = /^(?:约|大约|共计|共|合计|计|人民币|RMB|CNY|￥|¥)/i;
const AMOUNT_SUFFIX = /(?:元整|元|块钱|块|左右|余|多|以上)$/;

/** Strips prefixes and suffixes until none is left: 约3万余元左右 → 3万. */
function stripAll(text: string, prefix: RegExp, suffix: RegExp): { core: string; suffixes: string[] } {
  let core = text;
  const suffixes: string[] = [];
  for (;;) {
    const next = core.replace(prefix, '');
    const match = next.match(suffix);
    if (match) suffixes.push(match[0]);
    const stripped = match ? next.slice(0, -match[0].length) : next;
    if (stripped === core) return { core, suffixes };
    core = stripped;
  }
}

/**
 * 欠薪金额 in yuan, to the fen: 125000, "125,000", "125000元", "￥3,000.50", "12.5万", "12.5万元",
 * "三万五". A bare number is multiplied by `scale` (10000 under a 金额（万元） header); a cell that
 * names its unit (元, 万) is taken as written.
 */
export function parseAmount(cell: CellInput, scale = 1): CellResult<number> {
  if (typeof cell === 'number') return ok(roundFen(cell * scale));
  const text = cellText(cell);
  if (text === null) return ok(null);
  const { core, suffixes } = stripAll(halfWidth(text).replace(/[,，\s]/g, ''), AMOUNT_PREFIX, AMOUNT_SUFFIX);
  if (/^-?\d+(?:\.\d+)?$/.test(core)) {
    return ok(roundFen(Number(core) * (suffixes.some((s) => s.startsWith('元')) ? 1 : scale)));
  }
  const value = parseChineseNumber(core);
  if (value === null) return fail(`欠薪金额无法识别：“${text}”`);
  return ok(roundFen(value));
}

function roundFen(yuan: number): number {
  return Math.round(yuan * 100) / 100;
}

/** 涉及人数: 15, "15人", "约15名", "十五人". */
export function parseWorkers(cell: CellInput): CellResult<number> {
  const text = cellText(cell);
  if (text === null) return ok(null);
  const { core } = stripAll(
    halfWidth(text).replace(/\s/g, ''),
    /^(?:约|共|合计)/,
    /(?:人|名|位|个|余|多|左右)$/,
  );
  const value = /^\d+(?:\.\d+)?$/.test(core) ? Number(core) : parseChineseNumber(core);
  if (value === null) return fail(`涉及人数无法识别：“${text}”`);
  if (!Number.isInteger(value)) return fail(`涉及人数应为整数：“${text}”`);
  return ok(value);
}

/** 联系电话: the first number when a cell holds several ("138…/139…"); see `normalizePhone`. */
export function parsePhone(cell: CellInput): CellResult<string> {
  const text = cellText(cell);
  if (text === null) return ok(null);
  const first = halfWidth(text).split(/[/,;，；、]|\s{2,}|\n/)[0] ?? '';
  const phone = normalizePhone(first);
  if (PHONE_PATTERN.test(phone)) return ok(phone);
  if (typeof cell === 'number' && PHONE_PATTERN.test(normalizePhone(`0${phone}`))) {
    return fail('联系电话被存为数字，区号开头的0已丢失，请将该列设为文本后重新导出');
  }
  return fail('联系电话格式不正确，应为11位手机号或带区号的固定电话（如0371-12345678）');
}

/** 身份证号: 18 characters with a valid GB 11643 check digit; X is written upper-case. */
export function parseResidentId(cell: CellInput): CellResult<string> {
  if (typeof cell === 'number' || lostDigits(cell)) {
    return fail('身份证号被存为数字，末几位已丢失，请将该列设为文本后重新导出');
  }
  const text = cellText(cell);
  if (text === null) return ok(null);
  const id = halfWidth(text).replace(/\s/g, '').toUpperCase();
  switch (residentIdProblem(id)) {
    case null:
      return ok(id);
    case 'format':
      return fail(`身份证号应为18位（最后一位可为X），此处为${id.length}位`);
    case 'birth_date':
      return fail('身份证号中的出生日期不存在');
    default:
      // Excel shows a long number with zeros for the digits it dropped.
      return fail(
        id.endsWith('000')
          ? '身份证号校验位不正确，末几位可能因被存为数字而丢失，请将该列设为文本后重新导出'
          : '身份证号校验位不正确',
      );
  }
}
