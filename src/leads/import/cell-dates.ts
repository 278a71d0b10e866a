import { isCalendarDate } from '../intake-item.ts';
import { type CellInput, type CellResult, cellText, fail, halfWidth, ok } from './cell-values.ts';

/** Dates and periods as sheets hold them: exceljs Date objects, Excel serials, and typed text. */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Leads are about the present; a year outside this range is a typo or a mis-read cell. */
const MIN_YEAR = 1950;
const MAX_YEAR = 2100;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const DATE_TIME =
  /^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号]?(?:[\sT]*(\d{1,2})\s*[:时点]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})\s*秒?)?\s*分?)?$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** exceljs reads a date cell's wall-clock time as if it were UTC; Excel stores no zone. */
function utcFields(date: Date): WallClock {
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  return {
    year: rounded.getUTCFullYear(),
    month: rounded.getUTCMonth() + 1,
    day: rounded.getUTCDate(),
    hour: rounded.getUTCHours(),
    minute: rounded.getUTCMinutes(),
    second: rounded.getUTCSeconds(),
  };
}

/** A number in a date column: an Excel serial (1900 date system) or yyyymmdd typed as a number. */
function fromNumber(value: number): WallClock | null {
  if (/^(19|20|21)\d{6}$/.test(String(value))) {
    const text = String(value);
    return fromParts(text.slice(0, 4), text.slice(4, 6), text.slice(6, 8));
  }
  if (value < 1 || value > 2_958_465) return null;
  return utcFields(new Date(EXCEL_EPOCH_MS + value * DAY_MS));
}

function fromParts(year: string, month: string, day: string, hour = '0', minute = '0', second = '0') {
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  };
}

function fromText(raw: string): WallClock | null {
  const text = halfWidth(raw)
    .trim()
    .replace(/\s*(?:之前|以前|前|止)$/, '');
  if (ISO_WITH_OFFSET.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : utcFields(new Date(at + SHANGHAI_OFFSET_MS));
  }
  if (/^\d{5}(?:\.\d+)?$|^\d{8}$/.test(text)) return fromNumber(Number(text));
  const match = text.match(DATE_TIME);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  return fromParts(year!, month!, day!, hour, minute, second);
}

function readWallClock(cell: CellInput, label: string): CellResult<WallClock> {
  const text = cellText(cell);
  if (text === null) return ok(null);
  let clock: WallClock | null;
  if (cell instanceof Date) clock = utcFields(cell);
  else if (typeof cell === 'number') clock = fromNumber(cell);
  else clock = fromText(text);
  if (clock === null) return fail(`${label}不是可识别的日期：“${text}”`);
  const { year, month, day, hour, minute, second } = clock;
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return fail(`${label}中的日期或时间不存在：“${text}”`);
  }
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`${label}的年份不合理：“${text}”`);
  return ok(clock);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateOf = (c: { year: number; month: number; day: number }) =>
  `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;

/** A day as `YYYY-MM-DD`; a time in the cell is dropped. `label` names the field in reasons. */
export function parseDate(cell: CellInput, label: string): CellResult<string> {
  const result = readWallClock(cell, label);
  return result.ok && result.value ? ok(dateOf(result.value)) : result.ok ? ok(null) : result;
}

/** A moment in Asia/Shanghai (`2026-11-20T14:30:00+08:00`); a date alone means its midnight. */
export function parseDateTime(cell: CellInput, label: string): CellResult<string> {
  const result = readWallClock(cell, label);
  if (!result.ok || result.value === null) return result.ok ? ok(null) : result;
  const { hour, minute, second } = result.value;
  return ok(`${dateOf(result.value)}T${pad(hour)}:${pad(minute)}:${pad(second)}+08:00`);
}

const START = String.raw`(\d{4})\s*[年./-]\s*(\d{1,2})(?:\s*[月./-]\s*(\d{1,2})\s*[日号]?|\s*月)?`;
const END = String.raw`(?:(\d{4})\s*[年./-]\s*)?(\d{1,2})(?:\s*[月./-]\s*(\d{1,2})\s*[日号]?|\s*月)?`;
const SEPARATOR = String.raw`\s*(?:至|到|~|～|—{1,2}|–|-)\s*`;
const PERIOD = new RegExp(`^${START}(?:${SEPARATOR}${END})?$`);
const OPEN_END = /\s*(?:至今|到今|至现在|到现在|至目前|到目前|以来)$/;

export interface OwedPeriod {
  from: string;
  /** Null when the arrears are still running (至今). */
  to: string | null;
}

/**
 * 欠薪起止时间 in one cell: "2025-10-01至2026-01-15", "2025.10-2026.1", "2025年10月至2026年1月",
 * "2025年10月至今", or a single month. A month means its first day as a start, its last as an end;
 * an end without a year takes the start's year, or the next if that would end before the start.
 */
export function parsePeriod(cell: CellInput): CellResult<OwedPeriod> {
  const text = cellText(cell);
  if (text === null) return ok(null);
  const unrecognized = `欠薪起止时间无法识别：“${text}”，应写成如 2025-10-01至2026-01-15 或 2025年10月至2026年1月`;
  const normalized = halfWidth(text);
  const open = OPEN_END.test(normalized);
  const match = typeof cell === 'string' ? normalized.replace(OPEN_END, '').match(PERIOD) : null;
  if (!match) return fail(unrecognized);
  const group = (i: number) => (match[i] ? Number(match[i]) : null);
  const [fromYear, fromMonth, fromDay, toYear, toMonth, toDay] = [1, 2, 3, 4, 5, 6].map(group);
  // A single day is neither a period nor an open start: the clerk meant something else.
  if (toMonth == null && !open && fromDay != null) return fail(unrecognized);
  const from = { year: fromYear!, month: fromMonth!, day: fromDay ?? 1 };
  let to: { year: number; month: number; day: number } | null = null;
  if (toMonth != null) {
    const endsEarlier = toMonth < from.month || (toMonth === from.month && toDay != null && toDay < from.day);
    const year = toYear ?? (endsEarlier ? from.year + 1 : from.year);
    to = { year, month: toMonth, day: toDay ?? lastDay(year, toMonth) };
  } else if (!open) to = { year: from.year, month: from.month, day: lastDay(from.year, from.month) };
  for (const end of to ? [from, to] : [from]) {
    if (!isCalendarDate(end.year, end.month, end.day)) return fail(`欠薪起止时间中的日期不存在：“${text}”`);
    if (end.year < MIN_YEAR || end.year > MAX_YEAR) return fail(`欠薪起止时间的年份不合理：“${text}”`);
  }
  if (to && dateOf(to) < dateOf(from)) return fail(`欠薪起止时间的开始晚于结束：“${text}”`);
  return ok({ from: dateOf(from), to: to ? dateOf(to) : null });
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
