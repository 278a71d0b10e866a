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

/** One rule that fired and the terms that made it fire: the "why" a monitor can read. */
export const ruleHitSchema = z.strictObject({
  rule: z.string(),
  terms: z.array(z.string()),
  score: z.number(),
});
export type RuleHit = z.infer<typeof ruleHitSchema>;

/** What the rules say of a post or lead (DESIGN.md "Classification"). */
export const classificationSchema = z.strictObject({
  lead: z.boolean(),
  resolved: z.boolean(),
  categories: z.array(categorySchema),
  risks: z.array(riskSchema),
  town: z.string().nullable(),
  level: levelSchema,
  score: z.number(),
  hits: z.array(ruleHitSchema),
});
export type Classification = z.infer<typeof classificationSchema>;
