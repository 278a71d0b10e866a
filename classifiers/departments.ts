import { z } from 'zod';
import type { Industry, Risk } from '../src/domain/classification.ts';
import { industrySchema, riskSchema } from '../src/domain/classification.ts';
import type { GroupMatches } from './term-matcher.ts';

/** The `departments` section of `config/routing.yaml`: which units own a lead. */
export const departmentRoutingSchema = z.strictObject({
  /** Always an owner: the HR bureau (人社) runs the campaign. */
  default: z.array(z.string().min(1)).min(1),
  by_industry: z.partialRecord(industrySchema, z.array(z.string().min(1))).default({}),
  by_risk: z.partialRecord(riskSchema, z.array(z.string().min(1))).default({}),
  /** A term group from the rules (政府投资项目, 上访) that brings in more units. */
  by_group: z.record(z.string(), z.array(z.string().min(1))).default({}),
});

export type DepartmentRouting = z.infer<typeof departmentRoutingSchema>;

/** The units that own a lead, default first, each once. */
export function routeDepartments(
  routing: DepartmentRouting,
  facts: { industry: Industry; risks: readonly Risk[]; matches: GroupMatches },
): string[] {
  const units = new Set(routing.default);
  for (const unit of routing.by_industry[facts.industry] ?? []) units.add(unit);
  for (const risk of facts.risks) for (const unit of routing.by_risk[risk] ?? []) units.add(unit);
  for (const [group, list] of Object.entries(routing.by_group))
    if (facts.matches.has(group)) for (const unit of list) units.add(unit);
  return [...units];
}
