import { htmlListAdapter } from './adapters/html-list.ts';
import type { SourceAdapter } from './adapters/source-adapter.ts';

/** Every source kind the project can collect from, by the `kind` written in source files. */
// biome-ignore lint/suspicious/noExplicitAny: each adapter checks its own options with its own schema.
export const SOURCE_ADAPTERS: ReadonlyMap<string, SourceAdapter<any>> = new Map([
  [htmlListAdapter.kind, htmlListAdapter],
]);
