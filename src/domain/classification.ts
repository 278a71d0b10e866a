import { z } from 'zod';

/** The four-colour warning grades, highest first, plus `none` for nothing to report. */
export const LEVELS = ['red', 'orange', 'yellow', 'blue', 'none'] as const;
export const levelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof levelSchema>;

export const LEVEL_NAMES_ZH: Readonly<Record<Level, string>> = {
  red: '红色',
  orange: '橙色',
  yellow: '黄色',
  blue: '蓝色',
  none: '无',
};

/** Larger is more severe; used to compare and sort levels. */
export function levelRank(level: Level): number {
  return LEVELS.length - 1 - LEVELS.indexOf(level);
}

export const CATEGORIES = ['wage_arrears', 'project_payment', 'rumor', 'policy'] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

export const RISKS = ['extreme', 'mass_gathering', 'criminal'] as const;
export const riskSchema = z.enum(RISKS);
export type Risk = z.infer<typeof riskSchema>;

/** The sector of the owed workers. */
export const INDUSTRIES = [
  'construction',
  'real_estate',
  'education_training',
  'manufacturing',
  'services',
  'transport',
  'water',
  'other',
  'none',
] as const;
export const industrySchema = z.enum(INDUSTRIES);
export type Industry = z.infer<typeof industrySchema>;

/** One rule that fired and the terms that made it fire: the "why" a monitor can read. */
export const ruleHitSchema = z.strictObject({
  rule: z.string(),
  terms: z.array(z.string()),
  score: z.number(),
});
export type RuleHit = z.infer<typeof ruleHitSchema>;

/** A figure the text gives only vaguely (十几万, 几十名): lower bound and, when known, upper. */
const rangeSchema = z.strictObject({ min: z.number(), max: z.number().nullable() });

/** Whether the stated facts reach the province's 拒不支付劳动报酬罪 thresholds: a prompt, not a verdict. */
export const crimeThresholdSchema = z.strictObject({
  reached: z.boolean().nullable(),
  basis: z.string(),
});

/** What the rules say of a post or lead (DESIGN.md "Classification"). */
export const classificationSchema = z.strictObject({
  lead: z.boolean(),
  resolved: z.boolean(),
  categories: z.array(categorySchema),
  industry: industrySchema,
  risks: z.array(riskSchema),
  amount_yuan: z.number().nullable(),
  amount_range: rangeSchema.nullable(),
  workers: z.int().nullable(),
  workers_range: rangeSchema.nullable(),
  months_owed: z.number().nullable(),
  place: z.string().nullable(),
  town: z.string().nullable(),
  orgs: z.array(z.string()),
  pii: z.strictObject({ phones: z.array(z.string()), id_numbers: z.array(z.string()) }),
  departments: z.array(z.string()),
  crime_threshold: crimeThresholdSchema,
  level: levelSchema,
  score: z.number(),
  hits: z.array(ruleHitSchema),
});
export type Classification = z.infer<typeof classificationSchema>;
export type CrimeThreshold = z.infer<typeof crimeThresholdSchema>;
