import { parseArgs } from 'node:util';
import { LEVEL_NAMES_ZH } from '../../domain/classification.ts';
import type { AggregationBucket, SearchResult } from '../../store/post-query.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { parseSearchRequest, SEARCH_FLAGS } from '../search-options.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = `用法：wagewatch search [关键词…] [选项]
  --since 2026-11-01  --until 2026-11-27     发布时间范围（上海时间，until 不含）
  --level 红,橙  --town 河口镇  --department 住建  --source weibo
  --industry construction  --category wage_arrears  --risk mass_gathering
  --leads（只看线索） --open（只看未解决）
  --sort newest|oldest|relevance  --limit 10  --offset 0
  --by day,town                              按维度计数（hour/day/town/category/level/source/department/industry）
  --json                                      输出 JSON
`;

/**
 * `wagewatch search 讨薪 塔吊 --since 2026-11-20 --level 红`: full-text search or counts over
 * stored posts; without words it lists the newest posts that match the filters.
 */
export const searchCommand: Command = async (args, io) => {
  let parsedArgs: ReturnType<typeof parseArgs<{ options: typeof SEARCH_FLAGS; allowPositionals: true }>>;
  try {
    parsedArgs = parseArgs({ args: [...args], options: SEARCH_FLAGS, allowPositionals: true });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return EXIT.config;
  }
  const request = parseSearchRequest(parsedArgs.values, parsedArgs.positionals);
  if ('problems' in request) {
    io.stderr.write(`${request.problems.join('\n')}\n${USAGE}`);
    return EXIT.config;
  }
  return withConfiguredStore(io, async ({ store }) => {
    if (request.by) {
      const counts = await store.aggregatePosts({ by: request.by, filter: request.query });
      io.stdout.write(
        request.json ? `${JSON.stringify(counts)}\n` : renderCounts(counts.total, counts.buckets),
      );
      return EXIT.ok;
    }
    const result = await store.searchPosts(request.query);
    io.stdout.write(request.json ? `${JSON.stringify(result)}\n` : renderHits(result));
    return EXIT.ok;
  });
};

function renderHits(result: SearchResult): string {
  const lines = [`共 ${result.total} 条，显示 ${result.hits.length} 条`];
  for (const { post, classification, highlight } of result.hits) {
    const level = classification.level === 'none' ? '' : `【${LEVEL_NAMES_ZH[classification.level]}】`;
    const town = classification.town ? ` ${classification.town}` : '';
    lines.push(
      `${level}${post.published_at.slice(0, 16).replace('T', ' ')}${town} ${post.title ?? ''}`.trimEnd(),
    );
    if (highlight) lines.push(`  ${highlight}`);
    lines.push(`  ${post.url}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderCounts(total: number, buckets: readonly AggregationBucket[]): string {
  const lines = [`共 ${total} 条`];
  for (const bucket of buckets) {
    lines.push(`${bucket.key || '（未知）'}\t${bucket.count}`);
    for (const inner of bucket.buckets ?? []) lines.push(`  ${inner.key || '（未知）'}\t${inner.count}`);
  }
  return `${lines.join('\n')}\n`;
}
