import { z } from 'zod';
import { SOURCE_ADAPTERS } from './registry.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');

/** What every source file says, whatever its kind (`config/sources/*.yaml`). */
export const sourceBaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _; it prefixes post ids'),
  name: z.string().min(1),
  kind: z.string(),
  enabled: z.boolean().default(true),
  every_s: z.number().min(1).max(86_400),
  /** Minimum gap between two requests to this source's host; overrides fetch.min_interval_ms. */
  min_interval_ms: z.int().min(0).max(3_600_000).optional(),
  /** Requests to the host at once, shared by every worker. */
  concurrency: z.int().min(1).max(16).default(1),
  /** Charset to decode with when neither header nor `<meta>` names one. */
  charset: z.string().default('utf-8'),
  /** An intranet site: may live on a private address, which the outbound guard otherwise refuses. */
  internal: z.boolean().default(false),
  /** Honour robots.txt; turn off only where the office has the right to read the site anyway. */
  respect_robots: z.boolean().default(true),
  /** Request headers whose values come from environment variables: `{cookie: WEIBO_COOKIE}`. */
  credentials_env: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'an HTTP header name'), envName)
    .default({}),
  /** The environment variable holding an HTTP proxy URL for this source. */
  proxy_env: envName.optional(),
  /** Raise an operations alert when passes fail, or bring no new post, for this long. */
  alert_after_s: z
    .number()
    .min(60)
    .max(30 * 86_400)
    .optional(),
  silent_after_s: z
    .number()
    .min(60)
    .max(30 * 86_400)
    .optional(),
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
