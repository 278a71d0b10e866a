import { z } from 'zod';

/**
 * What a sheet column can fill: IntakeItem fields (complainant's as dotted names), plus
 * `owed_period`, the single 欠薪起止时间 cell that gives both `owed_from` and `owed_to`.
 * The order is the order cells are read in, so separate from/to columns override the period.
 */
export const IMPORT_FIELDS = [
  'external_id',
  'received_at',
  'complainant.name',
  'complainant.phone',
  'complainant.id_number',
  'company',
  'project',
  'industry_text',
  'amount_yuan',
  'workers',
  'owed_period',
  'owed_from',
  'owed_to',
  'region',
  'address',
  'due_by',
  'description',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Without these two columns a sheet cannot be imported at all. */
export const REQUIRED_IMPORT_FIELDS = [
  'external_id',
  'description',
] as const satisfies readonly ImportField[];

/**
 * A header cell as it is compared: without whitespace (headers often wrap), required-field marks
 * (`*`), a trailing colon, or a parenthesized note such as （元）, （必填）, (万元).
 */
export function headerKey(text: string): string {
  return text
    .replace(/[\s\u3000]/g, '')
    .replace(/^[*＊※]+/, '')
    .replace(/[:：]$/, '')
    .replace(/[(（][^()（）]*[)）]$/, '');
}

/** Amounts under a header that says 万元 are in ten-thousands of yuan unless the cell says otherwise. */
export function headerAmountScale(text: string): number {
  return /[(（][^()（）]*万元[^()（）]*[)）]/.test(text) ? 10_000 : 1;
}

const headerTexts = z.array(z.string().trim().min(1).max(50)).min(1);

export const importColumnsSchema = z
  .strictObject({
    external_id: headerTexts,
    received_at: headerTexts.optional(),
    'complainant.name': headerTexts.optional(),
    'complainant.phone': headerTexts.optional(),
    'complainant.id_number': headerTexts.optional(),
    company: headerTexts.optional(),
    project: headerTexts.optional(),
    industry_text: headerTexts.optional(),
    amount_yuan: headerTexts.optional(),
    workers: headerTexts.optional(),
    owed_period: headerTexts.optional(),
    owed_from: headerTexts.optional(),
    owed_to: headerTexts.optional(),
    region: headerTexts.optional(),
    address: headerTexts.optional(),
    due_by: headerTexts.optional(),
    description: headerTexts,
  })
  .superRefine((columns, ctx) => {
    // One header text naming two fields would make a column's meaning depend on field order.
    const owner = new Map<string, string>();
    for (const [field, texts] of Object.entries(columns)) {
      for (const [i, text] of (texts ?? []).entries()) {
        const key = headerKey(text);
        const first = owner.get(key);
        if (first !== undefined && first !== field) {
          ctx.addIssue({
            code: 'custom',
            path: [field, i],
            message: `header "${text}" is already mapped to ${first}`,
          });
        } else owner.set(key, field);
      }
    }
  });

/** The `import` block of the leads config: which header texts fill which field, and where to look. */
export const importMappingSchema = z.strictObject({
  columns: importColumnsSchema,
  /** The header is looked for in the first N rows: sheets start with titles and merged banners. */
  header_row_max: z.int().min(1).max(100).default(10),
  /** Sheet name, or 1-based position in the workbook; absent, the first visible sheet with a header. */
  sheet: z.union([z.string().min(1), z.int().min(1)]).optional(),
});

export type ImportColumns = z.infer<typeof importColumnsSchema>;
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** Header texts seen on township lead sheets, the national platform's export and 12345 exports. */
export const DEFAULT_IMPORT_COLUMNS: ImportColumns = {
  external_id: ['线索编号', '编号', '工单号'],
  received_at: ['反映时间', '登记时间'],
  'complainant.name': ['反映人', '投诉人', '姓名'],
  'complainant.phone': ['联系电话', '电话', '手机'],
  'complainant.id_number': ['身份证号', '身份证号码'],
  company: ['被反映单位', '欠薪单位', '用人单位'],
  project: ['项目名称'],
  industry_text: ['行业领域', '行业'],
  amount_yuan: ['欠薪金额', '涉及金额', '金额（元）', '金额(元)'],
  workers: ['涉及人数', '人数'],
  owed_period: ['欠薪起止时间'],
  owed_from: ['欠薪开始时间', '欠薪起始时间'],
  owed_to: ['欠薪结束时间', '欠薪截止时间'],
  region: ['所在地区', '属地'],
  address: ['地址', '项目地址'],
  due_by: ['办理时限'],
  description: ['反映内容', '诉求内容', '问题描述'],
};

export const DEFAULT_IMPORT_MAPPING: ImportMapping = { columns: DEFAULT_IMPORT_COLUMNS, header_row_max: 10 };
