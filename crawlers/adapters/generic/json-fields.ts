import { htmlToText } from '../../text/html-text.ts';
import { readPath, scalarText } from './dotted-path.ts';
import { applyRegex, type JsonField, type JsonFieldObject, meaningful } from './field-spec.ts';
import { oneLine } from './html-fields.ts';
import { parseJsObject } from './js-object.ts';

/** Markup inside a JSON string (红网 `content` is HTML): read it as text, not as tags. */
const LOOKS_LIKE_HTML = /<\/?[a-zA-Z][^>]*>|&(?:[a-z]+|#\d+);/;

/**
 * Reads one configured field from a JSON item (or a whole detail response). A path that fans
 * out (`reply[].content`) yields every value, one per line.
 */
export function readJsonField(root: unknown, field: JsonField, multiline = false): string | null {
  const specs = Array.isArray(field) ? field : [field];
  for (const spec of specs) {
    const object: JsonFieldObject = typeof spec === 'string' ? { path: spec } : spec;
    const raw =
      object.template !== undefined
        ? fillItemTemplate(object.template, root, object.lookup)
        : joined(root, object.path);
    const value = meaningful(raw === null ? null : applyRegex(asText(raw), object.regex), object.blank_if);
    if (value !== null) return multiline ? value : oneLine(value);
  }
  return null;
}

/**
 * Fills `{path}` template variables from an item: `https://x/{letterTypeName}?originalId={originalId}`.
 * A value found in `lookup[path]` (or its `*` entry) is replaced by the entry, verbatim; other
 * values go through `encode` (by default URL-encoded when the template is a URL). Null when a
 * template variable has no value.
 */
export function fillItemTemplate(
  template: string,
  item: unknown,
  lookup: Record<string, Record<string, string>> = {},
  encode: (value: string) => string = /^https?:\/\//i.test(template) ? encodeURIComponent : (value) => value,
): string | null {
  let missing = false;
  const filled = template.replace(/\{([\w$.[\]]+)\}/g, (_whole, path: string) => {
    const value = scalarText(readPath(item, path)[0]);
    const table = lookup[path];
    const mapped = table ? (table[value ?? ''] ?? table['*']) : undefined;
    if (mapped !== undefined) return mapped;
    if (value === null || value === '') missing = true;
    return encode(value ?? '');
  });
  return missing ? null : filled;
}

/** A body template filled from an item: JSON-escaped in a JSON body, URL-encoded in a form body. */
export function fillBodyTemplate(template: string, item: unknown): string | null {
  const isJson = /^\s*[[{]/.test(template);
  return fillItemTemplate(
    template,
    item,
    {},
    isJson ? (value) => JSON.stringify(value).slice(1, -1) : encodeURIComponent,
  );
}

/** A response body as a value: JSON, or JavaScript object text when the source says so. */
export function parseJsonBody(body: string, jsObject: boolean): unknown {
  const text = body.replace(/^\uFEFF/, '');
  return jsObject ? parseJsObject(text) : JSON.parse(text);
}

function joined(root: unknown, path: string | undefined): string | null {
  if (path === undefined) return null;
  const values = readPath(root, path)
    .map(scalarText)
    .filter((value): value is string => value !== null && value.trim() !== '');
  return values.length > 0 ? values.join('\n') : null;
}

function asText(value: string): string {
  return LOOKS_LIKE_HTML.test(value) ? htmlToText(value) : value;
}
