import { z } from 'zod';
import { cssOnly, htmlField, jsonField, jsonPath } from './field-spec.ts';
import { fieldsSchema } from './letter-record.ts';
import { checkTemplateVariables } from './options-checks.ts';
import { jsonPagingSchema } from './paging.ts';
import { requestShape } from './request-template.ts';

const detailRequest = {
  /** The detail request's URL from the item: a path, or a template such as `https://x/detail?id={id}`. */
  url: jsonField,
  method: z.enum(['GET', 'POST']).default('GET'),
  /** A body template filled from the item: JSON (`{"tid":"{tid}"}`, values JSON-escaped) or form (`tid={tid}`). */
  body: z.string().optional(),
  headers: z.record(z.string(), z.string()).default({}),
};

/** A detail that answers JSON (红网 `/front/msg/detail`) or HTML (北京 `consultDetail.flow`). */
export const jsonDetailSchema = z.discriminatedUnion('format', [
  z.strictObject({
    ...detailRequest,
    format: z.literal('json'),
    js_object: z.boolean().default(false),
    fields: fieldsSchema(jsonField),
  }),
  z.strictObject({
    ...detailRequest,
    format: z.literal('html'),
    /** A selector every real detail page has; without it the list version is kept. */
    frame: cssOnly.optional(),
    fields: fieldsSchema(htmlField),
  }),
]);

/** Options of `generic-json` (see crawlers/adapters/generic/README.md). */
export const genericJsonOptionsSchema = z
  .strictObject({
    ...requestShape,
    /** Form body template (text) or JSON body template (object); `"{page}"` alone becomes a number. */
    body: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    /** The answer is JavaScript object text (unquoted keys, single quotes), normalised before parsing. */
    js_object: z.boolean().default(false),
    /** Path to the item array: `data.rows`, `result`, `resultData.data`. */
    items: jsonPath,
    fields: fieldsSchema(jsonField).extend({ id: jsonField }),
    detail: jsonDetailSchema.optional(),
    paging: jsonPagingSchema,
  })
  .superRefine((options, context) => checkTemplateVariables(options, context));

export type GenericJsonOptions = z.infer<typeof genericJsonOptionsSchema>;
export type JsonDetailOptions = z.infer<typeof jsonDetailSchema>;
