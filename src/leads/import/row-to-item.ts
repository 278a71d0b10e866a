import type { z } from 'zod';
import { type IntakeItem, intakeItemSchema } from '../intake-item.ts';
import { parseDate, parseDateTime, parsePeriod } from './cell-dates.ts';
import {
  type CellInput,
  type CellResult,
  cellText,
  parseAmount,
  parseExternalId,
  parsePhone,
  parseResidentId,
  parseText,
  parseWorkers,
} from './cell-values.ts';
import { IMPORT_FIELDS, type ImportField } from './column-mapping.ts';
import type { ColumnBinding } from './sheet-header.ts';
import type { SheetCell } from './sheet-tables.ts';

/** One problem with one column of one row. */
export interface RowProblem {
  /** 0-based column index, to list a row's problems left to right. */
  index: number;
  column: string;
  reason: string;
}

export interface ConvertedRow {
  /** Read even when other columns fail, so duplicates are found among bad rows too. */
  externalId: string | null;
  item: IntakeItem | null;
  problems: RowProblem[];
}

type Converter = (cell: CellInput, column: ColumnBinding) => CellResult<unknown>;

const CONVERTERS: Record<ImportField, Converter> = {
  external_id: parseExternalId,
  received_at: (cell) => parseDateTime(cell, '反映时间'),
  'complainant.name': (cell) => parseText(cell),
  'complainant.phone': parsePhone,
  'complainant.id_number': parseResidentId,
  company: (cell) => parseText(cell),
  project: (cell) => parseText(cell),
  industry_text: (cell) => parseText(cell),
  amount_yuan: (cell, column) => parseAmount(cell, column.amountScale),
  workers: parseWorkers,
  owed_period: parsePeriod,
  owed_from: (cell) => parseDate(cell, '欠薪开始时间'),
  owed_to: (cell) => parseDate(cell, '欠薪结束时间'),
  region: (cell) => parseText(cell),
  address: (cell) => parseText(cell),
  due_by: (cell) => parseDate(cell, '办理时限'),
  description: (cell) => parseText(cell, true),
};

/** How IntakeItem paths are named in reasons. */
const LABELS: Record<string, string> = {
  external_id: '线索编号',
  received_at: '反映时间',
  'complainant.name': '反映人',
  'complainant.phone': '联系电话',
  'complainant.id_number': '身份证号',
  company: '被反映单位',
  project: '项目名称',
  industry_text: '行业领域',
  amount_yuan: '欠薪金额',
  workers: '涉及人数',
  owed_from: '欠薪开始时间',
  owed_to: '欠薪结束时间',
  region: '所在地区',
  address: '地址',
  due_by: '办理时限',
  description: '反映内容',
};

export function isErrorCell(cell: SheetCell | undefined): cell is { error: string } {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/** One data row to an IntakeItem, or every column's problem; the schema has the last word. */
export function rowToItem(cells: readonly SheetCell[], columns: readonly ColumnBinding[]): ConvertedRow {
  const values = new Map<string, unknown>();
  const origin = new Map<string, ColumnBinding>();
  const problems: RowProblem[] = [];
  for (const field of IMPORT_FIELDS) {
    const bound = columns.filter((column) => column.field === field);
    // With two columns for one field (联系电话 and 手机), the first one filled in counts.
    const column = bound.find((c) => !isEmpty(cells[c.index])) ?? bound[0];
    if (!column) continue;
    const cell = cells[column.index] ?? null;
    const result: CellResult<unknown> = isErrorCell(cell)
      ? { ok: false, reason: `单元格是错误值 ${cell.error}，请检查公式` }
      : CONVERTERS[field](cell, column);
    // A path's problems belong to the column its value came from: an empty 欠薪结束时间 column
    // does not take the blame for the period column's end.
    for (const path of field === 'owed_period' ? ['owed_from', 'owed_to'] : [field]) {
      if (!origin.has(path) || !result.ok || result.value !== null) origin.set(path, column);
    }
    if (!result.ok) problems.push({ index: column.index, column: column.header, reason: result.reason });
    else if (result.value !== null && field === 'owed_period') {
      const period = result.value as { from: string; to: string | null };
      values.set('owed_from', period.from);
      if (period.to !== null) values.set('owed_to', period.to);
    } else if (result.value !== null) values.set(field, result.value);
  }
  const externalId = (values.get('external_id') as string | undefined) ?? null;
  const parsed = intakeItemSchema.safeParse(toDraft(values));
  if (parsed.success && problems.length === 0) return { externalId, item: parsed.data, problems };
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.join('.');
    const column = origin.get(path);
    if (problems.some((p) => p.column === (column?.header ?? path))) continue;
    const reason = issueReason(issue, path, values.has(path));
    problems.push({
      index: column?.index ?? Number.MAX_SAFE_INTEGER,
      column: column?.header ?? path,
      reason,
    });
  }
  return { externalId, item: null, problems: problems.sort((a, b) => a.index - b.index) };
}

/** Empty or a placeholder such as 无 or /; an error value is not empty. */
export function isEmpty(cell: SheetCell | undefined): boolean {
  return !isErrorCell(cell) && cellText(cell) === null;
}

function toDraft(values: Map<string, unknown>): Record<string, unknown> {
  const draft: Record<string, unknown> = { complainant: {} };
  for (const [path, value] of values) {
    const [head, tail] = path.split('.');
    if (tail) (draft[head!] as Record<string, unknown>)[tail] = value;
    else draft[path] = value;
  }
  return draft;
}

/** The schema's verdict in the clerk's words; limits stay defined in the schema alone. */
function issueReason(issue: z.core.$ZodIssue, path: string, present: boolean): string {
  const label = LABELS[path] ?? path;
  if (!present) return `${label}不能为空`;
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? `${label}超过${issue.maximum}字`
        : `${label}不能大于${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'string' ? `${label}不能为空` : `${label}不能小于${issue.minimum}`;
    case 'custom':
      return path === 'owed_to' ? '欠薪开始时间晚于结束时间' : `${label}格式不正确`;
    default:
      return `${label}格式不正确`;
  }
}
