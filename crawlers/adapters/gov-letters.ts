import { z } from 'zod';
import { genericHtmlAdapter } from './generic-html.ts';
import { genericJsonAdapter } from './generic-json.ts';
import { aspLeadMailSchema, resolveAspLeadMail } from './gov-letters/asp-leadmail.ts';
import { beijingLettersSchema, resolveBeijingLetters } from './gov-letters/beijing-letters.ts';
import type { ResolvedLetters } from './gov-letters/common.ts';
import { customSchema, resolveCustom } from './gov-letters/custom.ts';
import { hanwebSchema, resolveHanweb } from './gov-letters/hanweb-dataproxy.ts';
import { rednetSchema, resolveRednet } from './gov-letters/rednet.ts';
import { resolveTrsIndex, trsIndexSchema } from './gov-letters/trs-index.ts';
import type { SourceAdapter } from './source-adapter.ts';

/** A preset and its few lines of config, checked at load and turned into generic-engine options. */
export const govLettersOptionsSchema = z
  .discriminatedUnion('preset', [
    aspLeadMailSchema,
    hanwebSchema,
    trsIndexSchema,
    beijingLettersSchema,
    rednetSchema,
    customSchema,
  ])
  .transform((options): ResolvedLetters => {
    switch (options.preset) {
      case 'asp-leadmail':
        return resolveAspLeadMail(options);
      case 'hanweb-dataproxy':
        return resolveHanweb(options);
      case 'trs-index':
        return resolveTrsIndex(options);
      case 'beijing-letters':
        return resolveBeijingLetters(options);
      case 'rednet':
        return resolveRednet(options);
      case 'custom':
        return resolveCustom(options);
    }
  });

export type GovLettersOptions = ResolvedLetters;

/**
 * County and city 政民互动 letter boards (书记/县长信箱, 信件选登): a preset per site family
 * (classic ASP, Hanweb, TRS, 北京, 红网) or `custom` generic options. Letters become posts whose
 * text carries the state and the official reply, and whose place hint is the board.
 */
export const govLettersAdapter: SourceAdapter<GovLettersOptions> = {
  kind: 'gov-letters',
  optionsSchema: govLettersOptionsSchema,
  start: (context) =>
    context.options.engine === 'html'
      ? genericHtmlAdapter.start({ ...context, options: context.options.options })
      : genericJsonAdapter.start({ ...context, options: context.options.options }),
  parse: (page, context) =>
    context.options.engine === 'html'
      ? genericHtmlAdapter.parse(page, { ...context, options: context.options.options })
      : genericJsonAdapter.parse(page, { ...context, options: context.options.options }),
};
