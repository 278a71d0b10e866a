import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { htmlToText } from '../../text/html-text.ts';
import { applyRegex, type HtmlField, type HtmlFieldObject, meaningful } from './field-spec.ts';

/**
 * Reads one configured field inside `scope` (a list item, or a whole detail page). Multiline
 * fields (letter and reply texts) keep their line breaks; all others become one line.
 */
export function readHtmlField(
  $: CheerioAPI,
  scope: Cheerio<AnyNode>,
  field: HtmlField,
  multiline = false,
): string | null {
  const specs = Array.isArray(field) ? field : [field];
  for (const spec of specs) {
    const object: HtmlFieldObject = typeof spec === 'string' ? { css: spec } : spec;
    const raw = object.label
      ? byLabel($, narrowed(scope, object.css), labelsOf(object.label))
      : bySelector($, scope, object.css);
    const value = meaningful(raw === null ? null : applyRegex(raw, object.regex), object.blank_if);
    if (value !== null) return multiline ? value : oneLine(value);
  }
  return null;
}

/** Text of an element as a reader sees it: line breaks at `<br>` and block ends, tags gone. */
export function elementText($: CheerioAPI, element: Cheerio<AnyNode>): string {
  return htmlToText($.html(element));
}

/** Texts of label candidates, computed once per element however many fields look for labels. */
const elementTexts = new WeakMap<Element, string>();

function textOf($: CheerioAPI, element: Element): string {
  let text = elementTexts.get(element);
  if (text === undefined) {
    text = oneLine($(element).text());
    elementTexts.set(element, text);
  }
  return text;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function bySelector($: CheerioAPI, scope: Cheerio<AnyNode>, selector: string | undefined): string | null {
  const spec = selector ?? '';
  const at = spec.lastIndexOf('@');
  const css = (at >= 0 ? spec.slice(0, at) : spec).trim();
  const target = css ? scope.find(css).first() : scope.first();
  if (target.length === 0) return null;
  if (at >= 0) return target.attr(spec.slice(at + 1)) ?? null;
  return elementText($, target);
}

function narrowed(scope: Cheerio<AnyNode>, css: string | undefined): Cheerio<AnyNode> {
  return css ? scope.find(css) : scope;
}

function labelsOf(label: string | string[]): string[] {
  return Array.isArray(label) ? label : [label];
}

/**
 * The value printed next to a label: `<td>答复单位：</td><td>县人社局</td>`, `<dt>…</dt><dd>…</dd>`,
 * `<th>`/`<td>`, or `<span>来信人：张**</span>` with the value after the colon. The first
 * innermost element in document order whose whole text is the label wins; its next sibling (or
 * its parent's, for `<td><div>label</div></td>`) holds the value.
 */
function byLabel($: CheerioAPI, scope: Cheerio<AnyNode>, labels: string[]): string | null {
  const elements = scope
    .find('*')
    .addBack()
    .toArray()
    .filter((node): node is Element => node.type === 'tag');
  const patterns = labels.map((label) => escapeRegex(label));
  const isLabel = (element: Element) =>
    patterns.some((label) => new RegExp(`^${label}\\s*[:：]?$`).test(textOf($, element)));
  for (const element of elements) {
    // Innermost only: a row whose value cell is empty also reads as just the label.
    if (!isLabel(element) || $(element).children().toArray().some(isLabel)) continue;
    const value = valueAfter($, element, scope);
    if (value !== null) return value;
  }
  for (const element of elements) {
    const label = patterns.find((pattern) =>
      new RegExp(`^${pattern}\\s*[:：]\\s*\\S`).test(textOf($, element)),
    );
    if (label === undefined) continue;
    if (childHoldsValue($, element, new RegExp(`^${label}\\s*[:：]\\s*\\S`))) continue;
    return elementText($, $(element)).replace(new RegExp(`^\\s*${label}\\s*[:：]\\s*`), '');
  }
  return null;
}

function valueAfter($: CheerioAPI, element: Element, scope: Cheerio<AnyNode>): string | null {
  const stop = new Set(scope.toArray());
  let node: Element | null = element;
  for (let depth = 0; node && depth < 3 && !stop.has(node); depth++) {
    const value = followingValue($, node);
    if (value !== null) return value;
    node = node.parent?.type === 'tag' ? node.parent : null;
  }
  return null;
}

const INLINE = new Set(['a', 'span', 'font', 'b', 'strong', 'em', 'i', 'u', 'label']);

/**
 * What follows a label: the next element (`<td>label</td><td>value</td>`), or the inline run
 * after it (`<p><b>label：</b>value</p>`), which ends at a line break or block.
 */
function followingValue($: CheerioAPI, node: Element): string | null {
  let next = node.nextSibling;
  while (next && next.type === 'text' && !next.data.trim()) next = next.nextSibling;
  if (!next) return null;
  if (next.type === 'tag') return elementText($, $(next));
  if (next.type !== 'text') return null;
  const run: AnyNode[] = [];
  for (let inline: AnyNode | null = next; inline; inline = inline.nextSibling) {
    if (inline.type === 'tag' && !INLINE.has(inline.name)) break;
    if (inline.type === 'text' || inline.type === 'tag') run.push(inline);
  }
  return htmlToText(run.map((part) => $.html(part)).join(''));
}

/** Whether a child element also holds the label with a value, so the innermost one is read. */
function childHoldsValue($: CheerioAPI, element: Element, withValue: RegExp): boolean {
  return $(element)
    .children()
    .toArray()
    .some((child) => child.type === 'tag' && withValue.test(textOf($, child)));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
