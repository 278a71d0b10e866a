import { z } from 'zod';
import { categorySchema, industrySchema, levelSchema, riskSchema } from '../../src/domain/classification.ts';
import { FACT_NAMES } from '../facts.ts';

const groupName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'group names are lower_snake_case');
const ruleId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'rule ids are lower-kebab-case');

// Negation never crosses a comma, so the clause bounds it; 15 words fit an order's whole clause
// (责令其于12月31日前通过农民工工资专用账户足额支付: eleven words from 责令 to 足额支付).
const negationSchema = z.strictObject({ group: groupName, within: z.int().min(1).max(15) });

/** A named list of terms; rules refer to groups, never to raw terms. */
const termGroupSchema = z.strictObject({
  description: z.string().optional(),
  terms: z.array(z.string().trim().min(1)).min(1),
  /**
   * A term of this group does not count when a term of `group` comes up to `within` words
   * before it in the same clause: 没有拖欠, 从未欠薪, 不存在欠薪.
   */
  negated_by: z
    .union([negationSchema, z.array(negationSchema)])
    .transform((n) => (Array.isArray(n) ? n : [n]))
    .default([]),
  /** Longer words that contain a term but mean something else (我县 is not a person's 我). */
  except: z.array(z.string().trim().min(1)).default([]),
});

const nearSchema = z.strictObject({
  groups: z.tuple([groupName, groupName]),
  within: z.int().min(1).max(50),
  /** By default both terms must be in one sentence; `false` lets the window cross 。！？. */
  same_sentence: z.boolean().default(true),
});

/** Which groups must, may or must not appear for a rule to fire. */
const matchSchema = z
  .strictObject({
    /** Where to look: the title, the body, or both (default). */
    scope: z.enum(['any', 'title', 'text']).default('any'),
    /** At least one of these groups. */
    any: z.array(groupName).default([]),
    /** Every one of these groups. */
    all: z.array(groupName).default([]),
    /** For each entry, a term of the first group within `within` words of the second, either order. */
    near: z
      .union([nearSchema, z.array(nearSchema)])
      .transform((near) => (Array.isArray(near) ? near : [near]))
      .default([]),
    /** Facts the extractors must have found: a stated amount, worker count, organisation … */
    has: z.array(z.enum(FACT_NAMES)).default([]),
    /** Facts the text must not state. */
    lacks: z.array(z.enum(FACT_NAMES)).default([]),
    /** The group has at least `terms` distinct terms in the text (several statistics words, not one). */
    at_least: z.strictObject({ group: groupName, terms: z.int().min(2).max(20) }).optional(),
    /** The first group's last mention comes after the second's (paid after still owed: the latest news). */
    later: z.tuple([groupName, groupName]).optional(),
    /** None of these groups. */
    none: z.array(groupName).default([]),
  })
  .refine(
    (m) => m.any.length + m.all.length + m.near.length > 0,
    'a rule needs at least one group under any, all or near',
  );

/** What a fired rule says of the text. `lead: false` is a veto that outranks any `lead: true`. */
const effectSchema = z.strictObject({
  lead: z.boolean().optional(),
  resolved: z.boolean().optional(),
  categories: z.array(categorySchema).default([]),
  risks: z.array(riskSchema).default([]),
});

const ruleSchema = z.strictObject({
  id: ruleId,
  description: z.string().optional(),
  match: matchSchema,
  set: effectSchema.default({ categories: [], risks: [] }),
  score: z.number().min(-1000).max(1000).default(0),
});

/** The sector of the owed workers is the first industry, in file order, whose groups match. */
const industryRuleSchema = z.strictObject({
  id: industrySchema.exclude(['none']),
  groups: z.array(groupName).min(1),
});

/** One file under `config/rules/`. Group names, rule ids and industries are global across files. */
export const ruleFileSchema = z.strictObject({
  version: z.literal(1),
  groups: z.record(groupName, termGroupSchema).default({}),
  rules: z.array(ruleSchema).default([]),
  industries: z.array(industryRuleSchema).default([]),
});

export type RuleFile = z.infer<typeof ruleFileSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type TermGroup = z.infer<typeof termGroupSchema>;
export type IndustryRule = z.infer<typeof industryRuleSchema>;

const levelConditionSchema = z.strictObject({
  lead: z.boolean().optional(),
  resolved: z.boolean().optional(),
  risks_any: z.array(riskSchema).optional(),
  categories_any: z.array(categorySchema).optional(),
  min_score: z.number().optional(),
  /** Stated workers, or the lower end of a vague count (几十名 → 20). */
  min_workers: z.int().min(1).optional(),
  min_amount_yuan: z.number().positive().optional(),
  crime_threshold: z.literal(true).optional(),
});

/** `config/levels.yaml`: when a text is a lead, and which level it gets. */
export const levelPolicySchema = z.strictObject({
  lead: z.strictObject({
    /** A text some rule calls a wage claim is a lead when no rule vetoes it and the score reaches this. */
    min_score: z.number(),
  }),
  levels: z
    .array(
      z.strictObject({
        level: levelSchema.exclude(['none']),
        description: z.string().optional(),
        when: levelConditionSchema,
      }),
    )
    .min(1),
});

export type LevelPolicy = z.infer<typeof levelPolicySchema>;
export type LevelCondition = z.infer<typeof levelConditionSchema>;
