import type { z } from 'zod';
import { mentions } from './request-template.ts';

interface TemplatedOptions {
  url: string;
  body?: unknown;
  keywords?: string[] | undefined;
  paging: { scheme: string };
}

/**
 * Cross-checks between a list's URL/body templates and the options that fill them, so a source
 * file that could never page or search is refused at load with the field to fix.
 */
export function checkTemplateVariables(options: TemplatedOptions, context: z.RefinementCtx): void {
  const templates = [options.url, options.body];
  const hasKeyword = templates.some((template) => mentions(template, 'keyword'));
  if (hasKeyword && !options.keywords) {
    context.addIssue({
      code: 'custom',
      path: ['keywords'],
      message: 'required: the url or body has {keyword}',
    });
  }
  if (!hasKeyword && options.keywords) {
    context.addIssue({
      code: 'custom',
      path: ['keywords'],
      message: 'the url and body have no {keyword} to fill',
    });
  }
  const numbered = (['page', 'start', 'end', 'offset'] as const).some((name) =>
    templates.some((template) => mentions(template, name)),
  );
  if (options.paging.scheme === 'page_param' && !numbered) {
    context.addIssue({
      code: 'custom',
      path: ['url'],
      message: 'page_param paging needs {page}, {start}, {end} or {offset} in the url or body',
    });
  }
  if (options.paging.scheme === 'keyset' && !templates.some((template) => mentions(template, 'last'))) {
    context.addIssue({
      code: 'custom',
      path: ['url'],
      message: 'keyset paging needs {last} in the url or body',
    });
  }
}
