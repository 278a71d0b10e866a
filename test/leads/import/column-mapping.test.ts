import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IMPORT_COLUMNS,
  headerAmountScale,
  headerKey,
  importMappingSchema,
} from '../../../src/leads/import/column-mapping.ts';

describe('the import mapping', () => {
  it('accepts the defaults and fills header_row_max', () => {
    expect(importMappingSchema.parse({ columns: DEFAULT_IMPORT_COLUMNS })).toEqual({
      columns: DEFAULT_IMPORT_COLUMNS,
      header_row_max: 10,
    });
  });

  it('reports every problem: a missing required field, an unknown field, a header claimed twice', () => {
    const result = importMappingSchema.safeParse({
      columns: { external_id: ['编号'], 'complainant.phone': ['电话', '编号'], complaint: ['投诉'] },
      sheet: 0,
    });
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`)).toEqual([
      'columns.description: invalid_type',
      'columns: unrecognized_keys',
      'sheet: too_small',
    ]);
    const twice = importMappingSchema.safeParse({
      columns: { external_id: ['编号'], description: ['内容'], 'complainant.phone': ['电话', '*编号'] },
    });
    expect(twice.error?.issues.map((issue) => issue.message)).toEqual([
      'header "*编号" is already mapped to external_id',
    ]);
  });

  it.each([
    ['欠薪金额（元）', '欠薪金额', 1],
    ['欠薪金额\n(万元)', '欠薪金额', 10_000],
    ['*线索编号', '线索编号', 1],
    ['联系电话：', '联系电话', 1],
    ['反映　内容', '反映内容', 1],
  ])('header %j reads as %s, amounts ×%s', (text, key, scale) => {
    expect(headerKey(text)).toBe(key);
    expect(headerAmountScale(text)).toBe(scale);
  });
});
