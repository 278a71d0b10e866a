import { genericHtmlAdapter } from './adapters/generic-html.ts';
import { genericJsonAdapter } from './adapters/generic-json.ts';
import { govLettersAdapter } from './adapters/gov-letters.ts';
import { heimaoAdapter } from './adapters/heimao.ts';
import { htmlListAdapter } from './adapters/html-list.ts';
import { peopleLiuyanAdapter } from './adapters/people-liuyan.ts';
import { rssAdapter } from './adapters/rss.ts';
import type { SourceAdapter } from './adapters/source-adapter.ts';
import { tiebaAdapter } from './adapters/tieba.ts';
import { weiboMobileSearchAdapter } from './adapters/weibo-mobile-search.ts';
import { weiboWebSearchAdapter } from './adapters/weibo-web-search.ts';

/** Every source kind the project can collect from, by the `kind` written in source files. */
// biome-ignore lint/suspicious/noExplicitAny: each adapter checks its own options with its own schema.
export const SOURCE_ADAPTERS: ReadonlyMap<string, SourceAdapter<any>> = new Map<string, SourceAdapter<any>>(
  [
    htmlListAdapter,
    weiboMobileSearchAdapter,
    weiboWebSearchAdapter,
    heimaoAdapter,
    peopleLiuyanAdapter,
    tiebaAdapter,
    rssAdapter,
    govLettersAdapter,
    genericHtmlAdapter,
    genericJsonAdapter,
  ].map((adapter) => [adapter.kind, adapter]),
);
