import { z } from 'zod';
import { categorySchema, levelSchema, riskSchema } from '../../src/domain/classification.ts';

const groupName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'group names are lower_snake_case');
const ruleId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'rule ids are lower-kebab-case');

/** A named list of terms; rules refer to groups, never to raw terms. */
const termGroupSchema = z.strictObject({
  description: z.string().optional(),
  terms: z.array(z.string().trim().min(1)).min(1),
});

/** Which groups must, may or must not appear for a rule to fire. */
const matchSchema = z
  .strictObject({
    /** At least one of these groups. */
    any: z.array(groupName).default([]),
    /** Every one of these groups. */
    all: z.array(groupName).default([]),
    /** A term of the first group within `within` tokens of a term of the second, either order. */
    near: z
      .strictObject({ groups: z.tuple([groupName, groupName]), within: z.int().min(1).max(50) })
      .optional(),
    /** None of these groups. */
    none: z.array(groupName).default([]),
  })
  .refine(
    (m) => m.any.length + m.all.length > 0 || m.near,
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

/** One file under `config/rules/`. Groups and rule ids are global across files. */
export const ruleFileSchema = z.strictObject({
  version: z.literal(1),
  groups: z.record(groupName, termGroupSchema).default({}),
  rules: z.array(ruleSchema).default([]),
});

export type RuleFile = z.infer<typeof ruleFileSchema>;
export type Rule = z.infer<typeof ruleSchema>;

const levelConditionSchema = z.strictObject({
  lead: z.boolean().optional(),
  resolved: z.boolean().optional(),
  risks_any: z.array(riskSchema).optional(),
  categories_any: z.array(categorySchema).optional(),
  min_score: z.number().optional(),
});

/** `config/levels.yaml`: ordered; the first entry whose conditions all hold gives the level. */
export const levelPolicySchema = z.strictObject({
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
