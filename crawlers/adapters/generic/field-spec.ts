import * as cheerio from 'cheerio';
import { z } from 'zod';

/** A regular expression written in a source file; checked when the config loads, not at crawl time. */
export const regexSource = z.string().refine(compiles, 'not a valid regular expression');

/** A CSS selector cheerio can run: checked at load, so a typo never fails a crawl. */
export const cssOnly = z.string().min(1).refine(isSelector, 'not a valid CSS selector');

const FIELD_SELECTOR = /^[^@]*(@[\w:-]+)?$/;

/** `css` reads text, `css@attr` an attribute, `@attr` an attribute of the scope itself. */
export const cssSelector = z
  .string()
  .min(1)
  .regex(FIELD_SELECTOR, 'use "css", "css@attribute" or "@attribute"')
  // Only the CSS part is run; a spec with a bad "@" has its own message above.
  .refine(
    (spec) => !FIELD_SELECTOR.test(spec) || isSelector(spec.replace(/@[\w:-]+$/, '')),
    'not a valid CSS selector',
  );

/**
 * Where one HTML field is: a selector, or the text next to a printed label (`答复单位：` in a
 * table), optionally narrowed by a regex (its first capture group) and ignored when it says
 * nothing (`请耐心等待回复！`).
 */
const htmlFieldObject = z
  .strictObject({
    css: cssSelector.optional(),
    label: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    regex: regexSource.optional(),
    blank_if: regexSource.optional(),
  })
  .refine((field) => !(field.label && field.css?.includes('@')), {
    message: 'a label is read as text; give css without @attribute to narrow where it is looked for',
    path: ['css'],
  });

/** A missing field says so, instead of "invalid input" from every union member. */
const requiredField = {
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'required' : undefined),
};

/** One spec, or several tried in order until one yields a value. */
export const htmlField = z.union(
  [cssSelector, htmlFieldObject, z.array(z.union([cssSelector, htmlFieldObject])).min(1)],
  requiredField,
);

export type HtmlFieldObject = z.infer<typeof htmlFieldObject>;
export type HtmlField = z.infer<typeof htmlField>;

/** `data.rows`, `main.sn`, `rows.0.id`, `result[].letterTitle`. */
export const jsonPath = z
  .string()
  .min(1)
  .regex(
    /^[^.[\]]+(\[\])?(\.[^.[\]]+(\[\])?)*$/,
    'use a dotted path such as "data.rows" or "reply[].content"',
  );

/**
 * Where one JSON field is: a dotted path, or a template filled from the item
 * (`https://x/{letterTypeName}?originalId={originalId}`) whose template variables may go through a
 * lookup table (`*` is the fallback entry).
 */
const jsonFieldObject = z
  .strictObject({
    path: jsonPath.optional(),
    template: z.string().min(1).optional(),
    lookup: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    regex: regexSource.optional(),
    blank_if: regexSource.optional(),
  })
  .refine((field) => (field.path === undefined) !== (field.template === undefined), {
    message: 'give exactly one of path and template',
  });

export const jsonField = z.union(
  [jsonPath, jsonFieldObject, z.array(z.union([jsonPath, jsonFieldObject])).min(1)],
  requiredField,
);

export type JsonFieldObject = z.infer<typeof jsonFieldObject>;
export type JsonField = z.infer<typeof jsonField>;

/** First capture group that matched, else the whole match; null when the regex does not match. */
export function applyRegex(value: string, source: string | undefined): string | null {
  if (source === undefined) return value;
  const match = value.match(new RegExp(source));
  if (!match) return null;
  return match.slice(1).find((group) => group !== undefined) ?? match[0];
}

/** The value, unless it is empty or only says there is nothing to show. */
export function meaningful(value: string | null, blankIf: string | undefined): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  return blankIf !== undefined && new RegExp(blankIf).test(trimmed) ? null : trimmed;
}

const probe = cheerio.load('');

function isSelector(css: string): boolean {
  if (!css.trim()) return true;
  try {
    probe.root().find(css);
    return true;
  } catch {
    return false;
  }
}

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
