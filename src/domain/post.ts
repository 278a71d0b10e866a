import { z } from 'zod';

/** ISO 8601 with an explicit offset; sources are Asia/Shanghai, so `+08:00` is the norm. */
export const isoTimestamp = z.iso.datetime({ offset: true });

export const postMetricsSchema = z.strictObject({
  reposts: z.int().nonnegative().nullable(),
  comments: z.int().nonnegative().nullable(),
  likes: z.int().nonnegative().nullable(),
});

/** One normalized item from a source (DESIGN.md "Post"). */
export const postSchema = z.strictObject({
  /** `<source>:<native id>`: stable across rediscoveries. */
  id: z
    .string()
    .min(3)
    .max(400)
    .regex(/^[a-z0-9][a-z0-9_-]*:.+$/, 'must look like <source>:<native id>'),
  source: z.string().min(1),
  url: z.url(),
  author: z.string().nullable(),
  published_at: isoTimestamp,
  fetched_at: isoTimestamp,
  title: z.string().nullable(),
  text: z.string().min(1),
  metrics: postMetricsSchema,
  place_hints: z.array(z.string()),
});

export type Post = z.infer<typeof postSchema>;
export type PostMetrics = z.infer<typeof postMetricsSchema>;

export const NO_METRICS: PostMetrics = Object.freeze({ reposts: null, comments: null, likes: null });
