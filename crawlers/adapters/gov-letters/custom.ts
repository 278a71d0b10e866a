import { z } from 'zod';
import { genericHtmlOptionsSchema } from '../generic/html-options.ts';
import { genericJsonOptionsSchema } from '../generic/json-options.ts';
import type { ResolvedLetters } from './common.ts';

/** A board no preset fits: the options of `generic-html` (`html:`) or `generic-json` (`json:`) as they are. */
export const customSchema = z
  .strictObject({
    preset: z.literal('custom'),
    /** Added in front of the engine's place hints. */
    board: z.string().min(1).optional(),
    html: genericHtmlOptionsSchema.optional(),
    json: genericJsonOptionsSchema.optional(),
  })
  .superRefine((options, context) => {
    if ((options.html === undefined) === (options.json === undefined)) {
      context.addIssue({ code: 'custom', path: ['html'], message: 'give exactly one of html and json' });
    }
  });

export function resolveCustom(options: z.infer<typeof customSchema>): ResolvedLetters {
  const board = options.board ? [options.board] : [];
  if (options.html) {
    return {
      engine: 'html',
      options: { ...options.html, place_hints: [...board, ...options.html.place_hints] },
    };
  }
  const json = options.json as NonNullable<typeof options.json>;
  return { engine: 'json', options: { ...json, place_hints: [...board, ...json.place_hints] } };
}
