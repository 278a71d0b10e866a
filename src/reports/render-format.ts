import type { Level } from '../domain/classification.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';

/**
 * Number and date formats shared by the HTML, Markdown and XLSX renderers, so the three print
 * the same figures. No clock, no locale of the machine: the output depends on the data only.
 */

export type ReportLevel = Exclude<Level, 'none'>;

/** The four grades, highest first, in the colours the bulletin and its charts use. */
export const LEVEL_COLOURS: Readonly<Record<ReportLevel, { fill: string; text: string }>> = {
  red: { fill: '#d32f2f', text: '#ffffff' },
  orange: { fill: '#f57c00', text: '#ffffff' },
  yellow: { fill: '#d4a017', text: '#212121' },
  blue: { fill: '#1976d2', text: '#ffffff' },
};

/** Fonts that carry Chinese offline on Linux (Noto, WenQuanYi) and Windows (YaHei); single quotes only. */
export const SANS_FONTS = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif";

/** The bulletin's body face (仿宋) where installed, else the sans list. */
export const BODY_FONTS = `'FangSong', 'STFangsong', 'Noto Serif CJK SC', ${SANS_FONTS}`;

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: true });

/** Rounds to `digits` decimals without binary noise (2.675 → 2.68). */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

/** 1,234,560 or 1,234.5: thousands grouped, at most two decimals. */
export function formatNumber(value: number): string {
  return GROUPED.format(value);
}

/** A rate (0–100) with one decimal, 85.0. */
export function formatRate(value: number): string {
  return value.toFixed(1);
}

/** ↑12, ↓3.5 or 持平: the 变化 column. */
export function formatChange(value: number, digits: number): string {
  if (value === 0) return '持平';
  const text = digits > 0 ? formatRate(Math.abs(value)) : formatNumber(Math.abs(value));
  return `${value > 0 ? '↑' : '↓'}${text}`;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-11-30` → 2026年11月30日; anything else is printed as given. */
export function formatZhDate(day: string): string {
  const match = YMD.exec(day);
  if (!match) return day;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** 2026年11月23日至11月29日 (the year once when both ends share it). */
export function formatZhPeriod(from: string, to: string): string {
  const start = formatZhDate(from);
  const end = formatZhDate(to);
  if (from.slice(0, 4) === to.slice(0, 4) && YMD.test(to)) return `${start}至${end.slice(5)}`;
  return `${start}至${end}`;
}

function shanghai(iso: string): string | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : toShanghaiIso(date);
}

/** The Shanghai day of a timestamp, `2026-11-20`. */
export function formatDay(iso: string): string {
  return shanghai(iso)?.slice(0, 10) ?? iso;
}

/** Shanghai month, day and minute of a timestamp, `11-20 09:05`. */
export function formatMinute(iso: string): string {
  const local = shanghai(iso);
  return local ? `${local.slice(5, 10)} ${local.slice(11, 16)}` : iso;
}

/** `2026-11-20` → `11-20`, for chart axes. */
export function shortDay(day: string): string {
  return YMD.test(day) ? day.slice(5) : day;
}
