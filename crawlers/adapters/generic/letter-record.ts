import { z } from 'zod';

/**
 * What a list item or detail page says about one post or letter, field by field, before it
 * becomes a Post: plain strings keyed by field name, extras keyed `extra.<label>`. Plain data, so
 * a list item's record travels in a detail request's context and merges with the detail's.
 */
export type LetterRecord = Record<string, string>;

/** Fields every generic source may fill; the letter ones (状态, 答复…) end up in the text. */
export const RECORD_FIELDS = [
  'id',
  'title',
  'link',
  'author',
  'published_at',
  'text',
  'status',
  'reply_org',
  'reply_time',
  'reply_text',
] as const;

export type RecordField = (typeof RECORD_FIELDS)[number];

/** How the letter fields read in a post's text, after the letter itself. */
export const TEXT_LABELS: ReadonlyArray<readonly [RecordField, string]> = [
  ['status', '状态'],
  ['reply_org', '答复单位'],
  ['reply_time', '答复时间'],
  ['reply_text', '答复'],
];

const MULTILINE: ReadonlySet<string> = new Set(['text', 'reply_text']);

/** The `fields` block of a generic source: every record field optional, plus labelled extras. */
export function fieldsSchema<Field extends z.ZodType>(field: Field) {
  return z.strictObject({
    id: field.optional(),
    title: field.optional(),
    link: field.optional(),
    author: field.optional(),
    published_at: field.optional(),
    text: field.optional(),
    status: field.optional(),
    reply_org: field.optional(),
    reply_time: field.optional(),
    reply_text: field.optional(),
    /** Any other labelled value worth reading in the text: `{ 类型: letterTypeName }` → 【类型】投诉. */
    extra: z.record(z.string().min(1), field).default({}),
  });
}

type Fields<Field> = Partial<Record<RecordField, Field>> & { extra: Record<string, Field> };

/** Reads every configured field with an engine's reader (CSS or dotted paths). */
export function readRecord<Field>(
  fields: Fields<Field>,
  read: (field: Field, multiline: boolean) => string | null,
): LetterRecord {
  const record: LetterRecord = {};
  for (const name of RECORD_FIELDS) {
    const field = fields[name];
    if (field === undefined) continue;
    const value = read(field, MULTILINE.has(name));
    if (value !== null) record[name] = value;
  }
  for (const [label, field] of Object.entries(fields.extra)) {
    const value = read(field, true);
    if (value !== null) record[`extra.${label}`] = value;
  }
  return record;
}

/** The list's record completed by the detail's: what the detail says wins (full title, full text). */
export function mergeRecords(list: LetterRecord, detail: LetterRecord): LetterRecord {
  return { ...list, ...detail };
}

/** A detail request's context: the list item's record, so the detail can complete it. */
export function recordContext(value: unknown): LetterRecord | null {
  const parsed = z.object({ record: z.record(z.string(), z.string()) }).safeParse(value);
  return parsed.success ? parsed.data.record : null;
}
