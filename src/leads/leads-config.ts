import { z } from 'zod';
import { riskSchema } from '../domain/classification.ts';
import { envVarName } from '../settings/env-name.ts';
import { deadlinePolicySchema } from './deadline-policy.ts';
import { importMappingSchema } from './import/column-mapping.ts';
import { ladderConfigSchema } from './supervision-ladder.ts';
import { ymdSchema } from './working-days.ts';

const sourceId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-kebab-case');

/** `config/leads.yaml`: how leads come in, merge, get deadlines, climb the ladder and get cleared. */
export const leadsConfigSchema = z.strictObject({
  /** The complaint channels that push or send sheets, each with its own token (and signing key). */
  intake: z.strictObject({
    sources: z.record(
      sourceId,
      z.strictObject({
        name: z.string().min(1),
        /** When set, pushes from this source must carry X-Wagewatch-Signature made with this key. */
        hmac_secret_env: envVarName.optional(),
      }),
    ),
  }),
  merge: z.strictObject({
    /** Reports of one company, project, phone or ID number further apart than this are two cases. */
    window_days: z.int().min(1).max(3650),
    /** Keys the hashes of phones and ID numbers in the match index; unset, a fixed key (warned). */
    key_env: envVarName,
  }),
  deadlines: deadlinePolicySchema,
  ladder: ladderConfigSchema.prefault({}),
  /** Who hears of overdue leads: each owning unit's channels, and the leading group's. */
  supervision: z.strictObject({
    leading_group: z.array(z.string()).default([]),
    units: z.record(z.string(), z.array(z.string())).default({}),
  }),
  campaign: z
    .strictObject({
      name: z.string().min(1),
      start: ymdSchema,
      /** 动态清零 by this day (Spring Festival). */
      clearance_deadline: ymdSchema,
    })
    .refine((c) => c.start < c.clearance_deadline, {
      message: 'start must come before clearance_deadline',
      path: ['clearance_deadline'],
    }),
  /** When a company becomes a candidate for the wage-arrears blacklist (失信联合惩戒名单). */
  blacklist: z.strictObject({
    crime_threshold: z.boolean(),
    risks: z.array(riskSchema),
    min_verified_cases: z.int().min(1),
  }),
  import: importMappingSchema,
});

export type LeadsConfig = z.infer<typeof leadsConfigSchema>;
