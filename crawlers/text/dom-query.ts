import { compile, selectAll, selectOne } from 'css-select';
import type { AnyNode, Element } from 'domhandler';
import { textContent } from 'domutils';

/**
 * CSS selectors compiled once, for reading the items of a page already parsed. cheerio's
 * `$(item).find('…')` parses and compiles its selector on every call: on a 贴吧 result page
 * that was ten items × six selectors, and more time than parsing the page itself.
 * Selectors come from code and from source configs, so the cache stays small.
 */
type Query = Parameters<typeof selectAll<AnyNode, Element>>[0];
const compiled = new Map<string, Query>();

/** The compiled form of `selector`; a bad selector throws css-select's error, naming it. */
export function cssQuery(selector: string): Query {
  let query = compiled.get(selector);
  if (!query) {
    query = compile<AnyNode, Element>(selector) as Query;
    compiled.set(selector, query);
  }
  return query;
}

/** Every descendant of `root` that matches `selector`, in document order (as `find`). */
export function findAll(root: AnyNode | AnyNode[], selector: string): Element[] {
  return selectAll<AnyNode, Element>(cssQuery(selector), root);
}

/** The first descendant of `root` that matches `selector`, or null. */
export function findFirst(root: AnyNode | AnyNode[], selector: string): Element | null {
  return selectOne<AnyNode, Element>(cssQuery(selector), root);
}

/** An attribute of a possibly missing element. */
export function attrOf(element: Element | null, name: string): string | undefined {
  return element?.attribs[name];
}

/** The text of a possibly missing element: all its text nodes, as cheerio's `.text()`. */
export function textOf(element: Element | null): string {
  return element ? textContent(element) : '';
}
