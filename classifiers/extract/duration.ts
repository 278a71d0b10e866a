import { charTable, inTable } from '../char-table.ts';
import { findQuantities, type QuantityMatch } from './quantities.ts';

/** A span's unit starts with one of these: 个月, 多月, 余年, 月, 年, 天. */
const SPAN_START = charTable('个多余月年天');
const WORK_OR_OWE = /干|做|欠|拖|没发|没给|未发|未付|讨|要|结|至今|已经|了/;

/**
 * How many months the pay has been owed or the work went unpaid, when the text says so:
 * 干了8个月, 拖了半年, 三个多月, 一年多. The longest such span wins; null when none is stated.
 */
export function extractMonthsOwed(
  text: string,
  quantities: readonly QuantityMatch[] = findQuantities(text),
): number | null {
  const spans: number[] = [];
  for (const match of quantities) {
    if (!inTable(SPAN_START, match.after, 0)) continue;
    const value = match.quantity.value ?? match.quantity.min;
    const unit = match.after.match(/^(?:个)?(?:多|余)?(个月|月|年|天)/)?.[1];
    if (!unit || match.multiplier) continue;
    if (unit === '月' && !/^个/.test(match.after)) continue; // 10月 is a date, 10个月 a span
    const around = text.slice(Math.max(0, match.start - 6), match.end + 8);
    if (!WORK_OR_OWE.test(around)) continue;
    const months = unit === '年' ? value * 12 : unit === '天' ? value / 30 : value;
    if (unit === '年' && value > 30) continue; // 2026年 is a year
    spans.push(months);
  }
  if (text.includes('半年') && WORK_OR_OWE.test(text)) spans.push(6);
  return spans.length > 0 ? Math.max(...spans) : null;
}
