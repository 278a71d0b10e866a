import { z } from 'zod';
import { isoTimestamp } from '../domain/post.ts';

/** Mainland mobile (11 digits) or landline with area code, in the form `normalizePhone` writes. */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-\d{7,8})$/;

/**
 * One phone number in its canonical form: a mobile as 11 bare digits (spaces, dashes and a
 * +86 prefix dropped), a landline as `0371-12345678`. Anything else is returned compacted and
 * fails `PHONE_PATTERN`.
 */
export function normalizePhone(raw: string): string {
  const text = raw.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const compact = text.replace(/[\s\u3000\-－—–()（）]/g, '');
  const mobile = compact.match(/^(?:\+?86|0086)?(1[3-9]\d{9})$/);
  if (mobile) return mobile[1]!;
  const separated = text
    .trim()
    .match(/^(?:[(（](0\d{2,3})[)）]|(0\d{2,3})[\s\u3000\-－—–])[\s\u3000\-－—–]*(\d{7,8})$/);
  if (separated) return `${separated[1] ?? separated[2]}-${separated[3]}`;
  // Without a separator the area code's length is known from its prefix: 010 and 02x have three
  // digits, every other area code four.
  const landline = compact.match(/^(0[12]\d|0[3-9]\d{2})(\d{7,8})$/);
  return landline ? `${landline[1]}-${landline[2]}` : compact;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** What is wrong with an 18-character resident ID (GB 11643), or null when it is valid. */
export function residentIdProblem(id: string): 'format' | 'birth_date' | 'checksum' | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!isCalendarDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) {
    return 'birth_date';
  }
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return ID_CHECK_CHARS[sum % 11] === id[17] ? null : 'checksum';
}

/** True when year-month-day names a day that exists (no 2026-02-30). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isoDate = z.iso.date();

/**
 * One incoming wage-arrears lead, as the HTTP intake API, the sheet import and online posts all
 * deliver it. Only the lead's own id and its description are required: township sheets are rarely
 * complete, and a lead without an amount is still a lead.
 */
export const intakeItemSchema = z
  .strictObject({
    /** 线索编号: the sender's own id, unique per sender. */
    external_id: z.string().trim().min(1).max(128),
    /** 反映时间 */
    received_at: isoTimestamp.optional(),
    complainant: z
      .strictObject({
        /** 反映人 */
        name: z.string().trim().min(1).max(50).optional(),
        /** 联系电话 */
        phone: z
          .string()
          .trim()
          .overwrite(normalizePhone)
          .regex(PHONE_PATTERN, 'must be a mainland mobile number or a landline with area code')
          .optional(),
        /** 身份证号 */
        id_number: z
          .string()
          .trim()
          .toUpperCase()
          .refine((id) => residentIdProblem(id) === null, 'must be an 18-character resident ID (GB 11643)')
          .optional(),
      })
      .default({}),
    /** 被反映单位 */
    company: z.string().trim().min(1).max(200).optional(),
    /** 项目名称 */
    project: z.string().trim().min(1).max(200).optional(),
    /** 行业领域 as written by the sender (建筑, 工程建设, 交通, 水利, 制造业…). */
    industry_text: z.string().trim().min(1).max(50).optional(),
    /** 欠薪金额 in yuan. */
    amount_yuan: z
      .number()
      .nonnegative()
      // Above 1,000 亿 yuan a figure is a slip of the keyboard, not a county's wage case.
      .max(1e11, '欠薪金额超过 1000 亿元，应为录入错误')
      .optional(),
    /** 涉及人数 */
    workers: z.int().min(1).max(1_000_000, '涉及人数超过 100 万，应为录入错误').optional(),
    /** 欠薪起止时间, both ends inclusive. */
    owed_from: isoDate.optional(),
    owed_to: isoDate.optional(),
    /** 所在地区 */
    region: z.string().trim().min(1).max(100).optional(),
    /** 地址 */
    address: z.string().trim().min(1).max(200).optional(),
    /** 办理时限 */
    due_by: isoDate.optional(),
    /** 反映内容 / 诉求 */
    description: z.string().trim().min(1).max(20_000),
  })
  .refine((item) => !item.owed_from || !item.owed_to || item.owed_from <= item.owed_to, {
    path: ['owed_to'],
    message: 'owed_from must not be after owed_to',
  });

export type IntakeItem = z.infer<typeof intakeItemSchema>;
