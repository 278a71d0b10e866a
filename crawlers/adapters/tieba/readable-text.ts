import { htmlToText } from '../../text/html-text.ts';

/**
 * Text of a Tieba HTML fragment. Line breaks in the markup are indentation, not the writer's
 * (a browser shows a space), so they are folded before `<br>` and blocks make the real ones.
 */
export function readableText(html: string | null | undefined): string {
  return html ? htmlToText(html.replace(/[ \t\r\n]+/g, ' ')) : '';
}
