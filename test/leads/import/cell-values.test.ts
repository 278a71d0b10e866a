import { describe, expect, it } from 'vitest';
import { parseDate, parseDateTime, parsePeriod } from '../../../src/leads/import/cell-dates.ts';
import {
  type CellInput,
  cellText,
  parseAmount,
  parseExternalId,
  parsePhone,
  parseResidentId,
  parseText,
  parseWorkers,
} from '../../../src/leads/import/cell-values.ts';
import { parseChineseNumber } from '../../../src/leads/import/chinese-number.ts';

const LOST_ID_DIGITS = '身份证号被存为数字，末几位已丢失，请将该列设为文本后重新导出';
const BAD_PHONE = '联系电话格式不正确，应为11位手机号或带区号的固定电话（如0371-12345678）';

describe('empty cells and text', () => {
  it.each<[CellInput, string | null]>([
    [null, null],
    [undefined, null],
    ['', null],
    ['\u3000\u3000', null],
    [' \u00a0', null],
    ['-', null],
    ['/', null],
    ['无', null],
    ['不详', null],
    ['\u3000张三\u3000', '张三'],
    ['第一行\r\n第二行 ', '第一行\n第二行'],
    [42, '42'],
  ])('%j → %j', (cell, expected) => {
    expect(cellText(cell)).toBe(expected);
  });

  it('folds line breaks in single-line fields and keeps them in descriptions', () => {
    expect(parseText('郑州市\n中原区   某工地')).toEqual({ ok: true, value: '郑州市 中原区 某工地' });
    expect(parseText('第一行\n第二行', true)).toEqual({ ok: true, value: '第一行\n第二行' });
  });

  it.each<[CellInput, string | null]>([
    ['XZ-2026-001', 'XZ-2026-001'],
    [12345, '12345'],
    [null, null],
  ])('线索编号 %j → %j', (cell, expected) => {
    expect(parseExternalId(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<CellInput>([202611200001234000, '2.02611E+17'])('线索编号 %j lost its last digits', (cell) => {
    expect(parseExternalId(cell)).toEqual({
      ok: false,
      reason: '线索编号被存为数字，末几位可能已丢失，请将该列设为文本后重新导出',
    });
  });
});

describe('Chinese numerals', () => {
  it.each<[string, number | null]>([
    ['十五', 15],
    ['二十', 20],
    ['一百零五', 105],
    ['三万五', 35_000],
    ['两千五', 2500],
    ['三万五千', 35_000],
    ['3万5千', 35_000],
    ['3.5万', 35_000],
    ['3万500', 30_500],
    ['1亿2千万', 120_000_000],
    ['五十万', 500_000],
    ['万', null],
    ['三五', null],
    ['很多', null],
  ])('%s → %s', (text, expected) => {
    expect(parseChineseNumber(text)).toBe(expected);
  });
});

describe('amounts in yuan', () => {
  it.each<[CellInput, number | null, number?]>([
    [125000, 125_000],
    [3000.5, 3000.5],
    ['125,000', 125_000],
    ['125，000', 125_000],
    ['125000元', 125_000],
    ['￥3,000.50', 3000.5],
    ['¥3000', 3000],
    ['人民币3000元整', 3000],
    ['12.5万', 125_000],
    ['12.5万元', 125_000],
    ['约3万余元', 30_000],
    ['三万五', 35_000],
    ['１２０００', 12_000],
    ['12.345', 12.35],
    ['', null],
    ['不详', null],
    // Under a 金额（万元） header: bare numbers are ten-thousands, a stated unit wins.
    [12.5, 125_000, 10_000],
    ['12.5', 125_000, 10_000],
    ['3000元', 3000, 10_000],
    ['2万', 20_000, 10_000],
  ])('%j → %j (scale %j)', (cell, expected, scale) => {
    expect(parseAmount(cell, scale)).toEqual({ ok: true, value: expected });
  });

  it.each<CellInput>(['很多', '12.5美元', '2026-01-01'])('%j is refused', (cell) => {
    expect(parseAmount(cell)).toEqual({ ok: false, reason: `欠薪金额无法识别：“${cell}”` });
  });
});

describe('workers', () => {
  it.each<[CellInput, number | null]>([
    [15, 15],
    ['15', 15],
    ['15人', 15],
    ['约15名', 15],
    ['20余人', 20],
    ['十五人', 15],
    [null, null],
  ])('%j → %j', (cell, expected) => {
    expect(parseWorkers(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellInput, string]>([
    ['若干', '涉及人数无法识别：“若干”'],
    [2.5, '涉及人数应为整数：“2.5”'],
  ])('%j is refused', (cell, reason) => {
    expect(parseWorkers(cell)).toEqual({ ok: false, reason });
  });
});

describe('phones', () => {
  it.each<[CellInput, string | null]>([
    ['13800138000', '13800138000'],
    [13800138000, '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['13800138000/13900139000', '13800138000'],
    ['0371-12345678', '0371-12345678'],
    ['(0371)12345678', '0371-12345678'],
    ['0371 1234567', '0371-1234567'],
    ['037112345678', '0371-12345678'],
    ['01012345678', '010-12345678'],
    ['', null],
  ])('%j → %j', (cell, expected) => {
    expect(parsePhone(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellInput, string]>([
    ['1380013800', BAD_PHONE],
    ['12800138000', BAD_PHONE],
    ['12345678', BAD_PHONE],
    [37112345678, '联系电话被存为数字，区号开头的0已丢失，请将该列设为文本后重新导出'],
  ])('%j is refused', (cell, reason) => {
    expect(parsePhone(cell)).toEqual({ ok: false, reason });
  });
});

describe('resident IDs', () => {
  it.each<[CellInput, string | null]>([
    ['410102199003071257', '410102199003071257'],
    ['11010519491231002x', '11010519491231002X'],
    [' 4101 0219 9003 0712 57 ', '410102199003071257'],
    ['', null],
  ])('%j → %j', (cell, expected) => {
    expect(parseResidentId(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellInput, string]>([
    [410102199003071230, LOST_ID_DIGITS],
    ['4.10102E+17', LOST_ID_DIGITS],
    ['410102199003071258', '身份证号校验位不正确'],
    ['410102199003071000', '身份证号校验位不正确，末几位可能因被存为数字而丢失，请将该列设为文本后重新导出'],
    ['41010219900307125', '身份证号应为18位（最后一位可为X），此处为17位'],
    ['410102199002301257', '身份证号中的出生日期不存在'],
  ])('%j is refused', (cell, reason) => {
    expect(parseResidentId(cell)).toEqual({ ok: false, reason });
  });
});

describe('dates', () => {
  it.each<[CellInput, string | null]>([
    [new Date(Date.UTC(2026, 10, 20)), '2026-11-20'],
    [46346, '2026-11-20'],
    ['46346', '2026-11-20'],
    [20261120, '2026-11-20'],
    ['2026-11-20', '2026-11-20'],
    ['2026/11/20', '2026-11-20'],
    ['2026.11.20', '2026-11-20'],
    ['2026年11月20日', '2026-11-20'],
    ['2026年11月20日前', '2026-11-20'],
    ['2026-1-5', '2026-01-05'],
    ['2026-11-20 14:30', '2026-11-20'],
    ['', null],
  ])('%j → %j', (cell, expected) => {
    expect(parseDate(cell, '办理时限')).toEqual({ ok: true, value: expected });
  });

  it.each<[CellInput, string]>([
    ['下周一', '办理时限不是可识别的日期：“下周一”'],
    ['11月20日', '办理时限不是可识别的日期：“11月20日”'],
    ['2026-02-30', '办理时限中的日期或时间不存在：“2026-02-30”'],
    ['2026.11', '办理时限不是可识别的日期：“2026.11”'],
    [15, '办理时限的年份不合理：“15”'],
  ])('%j is refused', (cell, reason) => {
    expect(parseDate(cell, '办理时限')).toEqual({ ok: false, reason });
  });

  it.each<[CellInput, string]>([
    [new Date(Date.UTC(2026, 10, 20, 14, 30)), '2026-11-20T14:30:00+08:00'],
    // exceljs can read 14:30 as a hair before it.
    [new Date(Date.UTC(2026, 10, 20, 14, 29, 59, 999)), '2026-11-20T14:30:00+08:00'],
    [46346.6041666667, '2026-11-20T14:30:00+08:00'],
    ['2026-11-20 14:30', '2026-11-20T14:30:00+08:00'],
    ['2026/11/20 9:05:07', '2026-11-20T09:05:07+08:00'],
    ['2026年11月20日14时30分', '2026-11-20T14:30:00+08:00'],
    ['2026-11-20', '2026-11-20T00:00:00+08:00'],
    ['2026-11-20T06:30:00Z', '2026-11-20T14:30:00+08:00'],
  ])('moment %j → %s', (cell, expected) => {
    expect(parseDateTime(cell, '反映时间')).toEqual({ ok: true, value: expected });
  });

  it('refuses a time that does not exist', () => {
    expect(parseDateTime('2026-11-20 25:00', '反映时间')).toEqual({
      ok: false,
      reason: '反映时间中的日期或时间不存在：“2026-11-20 25:00”',
    });
  });
});

describe('owed periods', () => {
  it.each<[CellInput, { from: string; to: string | null } | null]>([
    ['2025-10-01至2026-01-15', { from: '2025-10-01', to: '2026-01-15' }],
    ['2025-10-01-2026-01-15', { from: '2025-10-01', to: '2026-01-15' }],
    ['2025.10-2026.1', { from: '2025-10-01', to: '2026-01-31' }],
    ['2025.10.1~2026.1.15', { from: '2025-10-01', to: '2026-01-15' }],
    ['2025年10月至2026年1月', { from: '2025-10-01', to: '2026-01-31' }],
    ['2025年10月1日至2026年1月15日', { from: '2025-10-01', to: '2026-01-15' }],
    ['2025年3月至12月', { from: '2025-03-01', to: '2025-12-31' }],
    ['2025年10月至2月', { from: '2025-10-01', to: '2026-02-28' }],
    ['2025年12月', { from: '2025-12-01', to: '2025-12-31' }],
    ['2025年10月至今', { from: '2025-10-01', to: null }],
    ['', null],
  ])('%j → %j', (cell, expected) => {
    expect(parsePeriod(cell)).toEqual({ ok: true, value: expected });
  });

  const unrecognized = (text: string) =>
    `欠薪起止时间无法识别：“${text}”，应写成如 2025-10-01至2026-01-15 或 2025年10月至2026年1月`;

  it.each<[CellInput, string]>([
    ['去年十月起', unrecognized('去年十月起')],
    ['2025-10-01', unrecognized('2025-10-01')],
    [new Date(Date.UTC(2025, 9, 1)), unrecognized('2025-10-01')],
    ['2026-01-15至2025-10-01', '欠薪起止时间的开始晚于结束：“2026-01-15至2025-10-01”'],
    ['2025-02-30至2025-03-01', '欠薪起止时间中的日期不存在：“2025-02-30至2025-03-01”'],
    ['2025.13-2026.1', '欠薪起止时间中的日期不存在：“2025.13-2026.1”'],
  ])('%j is refused', (cell, reason) => {
    expect(parsePeriod(cell)).toEqual({ ok: false, reason });
  });
});
