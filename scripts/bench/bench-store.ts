import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSegmenter } from '../../src/app/build-classifier.ts';
import { toShanghaiIso } from '../../src/domain/shanghai-time.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { createSearchTokenizers } from '../../src/store/search-tokens.ts';
import type { Store } from '../../src/store/store.ts';
import { makeBenchPosts } from './bench-posts.ts';
import { median, percentile, round } from './measure.ts';

const DAYS = 180;
/** Two-word queries a monitor types. */
const QUERIES = [
  '讨薪 工地',
  '拖欠 工资',
  '农民工 老板',
  '包工头 跑路',
  '工资 项目',
  '欠薪 工人',
  '塔吊 讨薪',
  '工钱 老板',
];

/**
 * The embedded store at scale: sustained bulk ingest, search latency for a two-word query with a
 * 7-day window, and day × town aggregation over 30 days, at 100,000 and 1,000,000 posts.
 * `STORE_BENCH_SIZES=100000` limits the run (the million takes a few minutes).
 */
export async function benchStore(config: AppConfig): Promise<Record<string, number>> {
  const sizes = (process.env.STORE_BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
  const tokenizers = createSearchTokenizers(buildSegmenter(config));
  const dir = mkdtempSync(join(tmpdir(), 'wagewatch-bench-store-'));
  const file = join(dir, 'bench.sqlite');
  const store = createEmbeddedStore({
    file,
    tokenizeForIndex: tokenizers.forIndex,
    tokenizeForQuery: tokenizers.forQuery,
  });
  const results: Record<string, number> = {};
  const largest = Math.max(...sizes);
  const make = makeBenchPosts(config, largest, DAYS);
  try {
    let stored = 0;
    const rates: number[] = [];
    for (const size of [...sizes].sort((a, b) => a - b)) {
      while (stored < size) {
        const batch = Array.from({ length: Math.min(1000, size - stored) }, (_, i) => make(stored + i));
        const started = performance.now();
        await store.upsertPosts(batch);
        rates.push(batch.length / ((performance.now() - started) / 1000));
        stored += batch.length;
      }
      const suffix = size >= 1_000_000 ? '1m' : `${Math.round(size / 1000)}k`;
      // Windows end at the newest post stored so far, so every checkpoint queries recent data.
      const newest = new Date(Date.parse(make(stored - 1).post.published_at) + 1000);
      const search = await searchLatencies(store, newest);
      results[`search_p50_ms_${suffix}`] = round(percentile(search, 50), 2);
      results[`search_p99_ms_${suffix}`] = round(percentile(search, 99), 2);
      const agg = await aggregationLatencies(store, newest);
      results[`agg_p99_ms_${suffix}`] = round(percentile(agg, 99), 2);
    }
    results.store_ingest_posts_per_s = Math.round(median(rates));
    // Closing checkpoints the write-ahead log into the file: what stays on disk.
    await store.close();
    results.store_bytes_per_post = Math.round(fileBytes(file) / largest);
    return results;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function searchLatencies(store: Store, until: Date): Promise<number[]> {
  const since = new Date(until.getTime() - 7 * 86_400_000);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await store.searchPosts({
      text: QUERIES[i % QUERIES.length],
      since: toShanghaiIso(since),
      until: toShanghaiIso(until),
      limit: 20,
    });
    times.push(performance.now() - started);
  }
  return times;
}

async function aggregationLatencies(store: Store, until: Date): Promise<number[]> {
  const since = new Date(until.getTime() - 30 * 86_400_000);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    await store.aggregatePosts({
      by: ['day', 'town'],
      filter: { since: toShanghaiIso(since), until: toShanghaiIso(until) },
    });
    times.push(performance.now() - started);
  }
  return times;
}

function fileBytes(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(file + suffix).size;
    } catch {
      // no WAL file: nothing to add
    }
  }
  return total;
}
