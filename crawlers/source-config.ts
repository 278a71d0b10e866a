import { z } from 'zod';
import { SOURCE_ADAPTERS } from './registry.ts';

/** What every source file says, whatever its kind (`config/sources/*.yaml`). */
export const sourceBaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _; it prefixes post ids'),
  name: z.string().min(1),
  kind: z.string(),
  enabled: z.boolean().default(true),
  every_s: z.number().min(1).max(86_400),
  /** Minimum gap between two requests to this source's host; overrides fetch.min_interval_ms. */
  min_interval_ms: z.int().min(0).max(3_600_000).optional(),
  /** Charset to decode with when neither header nor `<meta>` names one. */
  charset: z.string().default('utf-8'),
  options: z.unknown(),
});

export type SourceConfig = z.infer<typeof sourceBaseSchema>;

/** A source file's schema: the common fields, then the options its kind's adapter accepts. */
export const sourceSchema = sourceBaseSchema.transform((source, ctx): SourceConfig => {
  const adapter = SOURCE_ADAPTERS.get(source.kind);
  if (!adapter) {
    ctx.addIssue({
      code: 'custom',
      path: ['kind'],
      message: `unknown source kind "${source.kind}" (known: ${[...SOURCE_ADAPTERS.keys()].join(', ')})`,
    });
    return z.NEVER;
  }
  const options = adapter.optionsSchema.safeParse(source.options);
  if (!options.success) {
    for (const issue of options.error.issues)
      ctx.addIssue({ ...issue, path: ['options', ...issue.path] } as never);
    return z.NEVER;
  }
  return { ...source, options: options.data };
});
