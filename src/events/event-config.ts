import { z } from 'zod';
import { levelSchema } from '../domain/classification.ts';

/** `config/events.yaml`: how posts about one incident are grouped, and how an event's level rises. */
export const eventConfigSchema = z.strictObject({
  /** A post joins an event last seen (by publication time) within this many hours. */
  window_hours: z
    .number()
    .min(1)
    .max(24 * 30),
  /** Near-duplicate: at most this many of the 64 SimHash bits differ. */
  simhash_max_distance: z.int().min(0).max(32),
  /** Fingerprints kept per event to match later posts against. */
  max_fingerprints: z.int().min(1).max(64),
  /** Posts kept by id per event (the count goes on beyond it). */
  max_posts: z.int().min(10).max(10_000),
  /** Spread acceleration raises the level one step, up to `max_level`. */
  spread: z.strictObject({
    min_posts_last_hour: z.int().min(1),
    /** The last hour has at least this many times the posts of the hour before. */
    acceleration: z.number().min(1),
    /** Or reposts + comments grew by at least this much in the last hour. */
    min_engagement_last_hour: z.int().min(1),
    max_level: levelSchema.exclude(['none']),
  }),
  /** Company, project and contractor names with verified arrears before (回头看): at least orange. */
  repeat_offenders: z.array(z.string().min(2)),
});

export type EventConfig = z.infer<typeof eventConfigSchema>;
