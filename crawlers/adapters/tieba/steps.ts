import { z } from 'zod';

/**
 * What a request was for, carried in its `context` so the response is read the right way and
 * the next page of the same keyword or forum can be asked for.
 */
export const stepSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('search'), keyword: z.string() }),
  z.strictObject({ step: z.literal('forum'), forum: z.string() }),
  z.strictObject({
    step: z.literal('thread'),
    tid: z.string(),
    /** The floor the request was made for (a search hit or the list's first post). */
    pid: z.string().optional(),
  }),
]);

export type Step = z.infer<typeof stepSchema>;
export type ThreadStep = Extract<Step, { step: 'thread' }>;
export type ListStep = Exclude<Step, ThreadStep>;
