import { z } from 'zod';
import { CATEGORIES, INDUSTRIES, LEVEL_NAMES_ZH, LEVELS, RISKS } from '../domain/classification.ts';
import { AGGREGATION_DIMENSIONS, type AggregationQuery, type PostQuery } from '../store/post-query.ts';

/** The flags `wagewatch search` takes, as parseArgs gives them (strings and booleans). */
export const SEARCH_FLAGS = {
  since: { type: 'string' },
  until: { type: 'string' },
  level: { type: 'string' },
  town: { type: 'string' },
  department: { type: 'string' },
  source: { type: 'string' },
  industry: { type: 'string' },
  category: { type: 'string' },
  risk: { type: 'string' },
  leads: { type: 'boolean', default: false },
  open: { type: 'boolean', default: false },
  sort: { type: 'string', default: 'newest' },
  limit: { type: 'string', default: '10' },
  offset: { type: 'string', default: '0' },
  by: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export interface SearchRequest {
  query: PostQuery;
  /** Count by these instead of listing posts. */
  by: AggregationQuery['by'] | null;
  json: boolean;
}

const LEVEL_BY_ZH = new Map(
  Object.entries(LEVEL_NAMES_ZH).flatMap(([level, zh]) => [
    [zh, level],
    [zh.slice(0, 1), level],
  ]),
);

const list = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(/[,，]/)
        .map((v) => v.trim())
        .filter(Boolean);

/** `2026-11-20` is that day's Shanghai midnight; a full ISO 8601 time is taken as written. */
const time = z
  .string()
  .transform((value, ctx) => {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value;
    if (Number.isNaN(Date.parse(iso)) || !/^\d{4}-\d{2}-\d{2}/.test(iso)) {
      ctx.addIssue({ code: 'custom', message: `不是日期或时间：${value}（例：2026-11-20）` });
      return z.NEVER;
    }
    return iso;
  })
  .optional();

const oneOf = <T extends string>(values: readonly T[], what: string) =>
  z
    .array(z.string())
    .transform((items, ctx) => {
      for (const item of items)
        if (!values.includes(item as T))
          ctx.addIssue({ code: 'custom', message: `未知的${what}：${item}（可选：${values.join('、')}）` });
      return items as T[];
    })
    .optional();

const count = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, `${what}须为整数`)
    .transform(Number)
    .pipe(z.number().min(min, `${what}不小于 ${min}`).max(max, `${what}不大于 ${max}`));

const searchSchema = z.object({
  since: time,
  until: time,
  levels: oneOf(LEVELS, '等级'),
  towns: z.array(z.string()).optional(),
  departments: z.array(z.string()).optional(),
  sources: z.array(z.string()).optional(),
  industries: oneOf(INDUSTRIES, '行业'),
  categories: oneOf(CATEGORIES, '类别'),
  risks: oneOf(RISKS, '风险'),
  sort: z.enum(['newest', 'oldest', 'relevance'], { message: '排序须为 newest、oldest 或 relevance' }),
  limit: count(1, 200, '条数'),
  offset: count(0, 10_000, '偏移'),
  by: oneOf(AGGREGATION_DIMENSIONS, '统计维度').refine(
    (dims) => !dims || dims.length <= 2,
    '统计维度最多两个',
  ),
});

/**
 * Turns the command line into a store query, or says in Chinese what is wrong with which flag.
 * Levels may be written red/orange/… or 红/橙/黄/蓝.
 */
export function parseSearchRequest(
  values: Record<string, string | boolean | undefined>,
  words: readonly string[],
): SearchRequest | { problems: string[] } {
  const str = (key: string) => values[key] as string | undefined;
  const parsed = searchSchema.safeParse({
    since: str('since'),
    until: str('until'),
    levels: list(str('level'))?.map((level) => LEVEL_BY_ZH.get(level) ?? level),
    towns: list(str('town')),
    departments: list(str('department')),
    sources: list(str('source')),
    industries: list(str('industry')),
    categories: list(str('category')),
    risks: list(str('risk')),
    sort: str('sort'),
    limit: str('limit'),
    offset: str('offset'),
    by: list(str('by')),
  });
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map(
        (issue) => `--${flagOf(String(issue.path[0] ?? ''))}：${issue.message}`,
      ),
    };
  }
  const { by, ...query } = parsed.data;
  const text = words.join(' ').trim();
  if (query.sort === 'relevance' && !text) return { problems: ['--sort：按相关度排序需要关键词'] };
  return {
    query: {
      ...dropUndefined(query),
      ...(text ? { text } : {}),
      ...(values.leads ? { lead: true } : {}),
      ...(values.open ? { resolved: false } : {}),
    },
    by: by && by.length > 0 ? (by as unknown as AggregationQuery['by']) : null,
    json: Boolean(values.json),
  };
}

const FLAG_OF: Record<string, string> = {
  levels: 'level',
  towns: 'town',
  departments: 'department',
  sources: 'source',
  industries: 'industry',
  categories: 'category',
  risks: 'risk',
};

function flagOf(field: string): string {
  return FLAG_OF[field] ?? field;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
