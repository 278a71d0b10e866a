import type { Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { nodesToText } from '../../text/html-text.ts';

/**
 * Text of a Tieba element, read in place (no second parse). Line breaks in the markup are
 * indentation, not the writer's; `<br>` and blocks make the real ones.
 */
export function readableText(element: Cheerio<AnyNode>): string {
  return element.length > 0 ? nodesToText(element.first().contents().toArray()) : '';
}
