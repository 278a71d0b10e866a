import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { Agent, request } from 'undici';
import { createSilentLogger } from '../../src/logger.ts';
import { startPrivateRedis } from '../../src/redis/private-redis.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createCrawlRig, pagesPerSecond, pageUrl } from './crawl-rig.ts';
import { median, round } from './measure.ts';

const ROUND_PAGES = 1000;
/** The V8 flags the README recommends for collect workers (their live set is under 50 MB). */
export const COLLECT_WORKER_FLAGS = ['--max-old-space-size=96', '--max-semi-space-size=4'];
/** The heap flags the README recommends for `wagewatch start` (every stage in one process). */
export const START_FLAGS = ['--max-old-space-size=448'];
const RSS_PAGES = 10_000;

/**
 * Fetch + parse throughput against a loopback site (another process), and its ratio to raw
 * undici GET + cheerio load of the same pages in the same run, in interleaved rounds. The
 * wagewatch side is a full collect step (crawl-rig.ts); `crawl_fetch_parse_ratio` leaves out the
 * seen-post bookkeeping and evidence. Peak RSS is measured in a fresh process that does only
 * collect steps, 10,000 pages, as a collect worker would.
 */
export async function benchCrawl(config: AppConfig): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'wagewatch-bench-crawl-'));
  const tsx = { execArgv: ['--import', 'tsx'] };
  const site = fork(new URL('./fixture-server.ts', import.meta.url), { ...tsx, stdio: 'ignore' });
  const port = await new Promise<number>((resolve) =>
    site.once('message', (m) => resolve((m as { port: number }).port)),
  );
  const redisServer = await startPrivateRedis({ dataDir: dir, logger: createSilentLogger() });
  const rig = createCrawlRig(config, { port, redisUrl: redisServer.url, dir });
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const raw = async (n: number) => {
    const response = await request(pageUrl(port, n), { dispatcher: agent });
    cheerio.load(await response.body.text());
  };
  try {
    await pagesPerSecond(raw, 200, 0);
    await pagesPerSecond((n) => rig.collectStep(n), 200, 0);
    const rawRuns: number[] = [];
    const ourRuns: number[] = [];
    const fetchParseRuns: number[] = [];
    // Interleaved rounds, so a noisy moment hits every side alike.
    for (let round = 0; round < 5; round++) {
      rawRuns.push(await pagesPerSecond(raw, ROUND_PAGES, 0));
      ourRuns.push(await pagesPerSecond((n) => rig.collectStep(n), ROUND_PAGES, (round + 1) * ROUND_PAGES));
      fetchParseRuns.push(await pagesPerSecond(rig.fetchAndParse, ROUND_PAGES, 0));
    }
    await rig.close();
    const peakDefault = await crawlWorkerPeakRss(port, redisServer.url, dir, [], 1_000_000);
    const peakTuned = await crawlWorkerPeakRss(port, redisServer.url, dir, COLLECT_WORKER_FLAGS, 2_000_000);
    return {
      crawl_pages_per_s: Math.round(median(ourRuns)),
      crawl_raw_pages_per_s: Math.round(median(rawRuns)),
      crawl_overhead_ratio: round(median(rawRuns) / median(ourRuns), 2),
      // The same without seen-post bookkeeping and evidence: what the fetcher and adapter cost.
      crawl_fetch_parse_ratio: round(median(rawRuns) / median(fetchParseRuns), 2),
      // With the heap flags the README recommends for `wagewatch worker collect`…
      crawl_peak_rss_mb: round(peakTuned / 1024 / 1024, 0),
      // …and with Node's defaults, which let garbage pile up before collecting it.
      crawl_peak_rss_mb_default_heap: round(peakDefault / 1024 / 1024, 0),
    };
  } finally {
    await agent.close();
    await redisServer.stop();
    site.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Peak RSS of a fresh process that does 10,000 collect steps, started with `flags`. */
async function crawlWorkerPeakRss(
  port: number,
  redisUrl: string,
  dir: string,
  flags: readonly string[],
  offset: number,
) {
  const worker = fork(
    new URL('./crawl-rss-child.ts', import.meta.url),
    [String(port), redisUrl, dir, String(RSS_PAGES), String(offset)],
    {
      execArgv: ['--import', 'tsx', ...flags],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const { peakRss } = await new Promise<{ peakRss: number }>((resolve, reject) => {
    worker.once('message', (m) => resolve(m as { peakRss: number }));
    worker.once('exit', (code) => reject(new Error(`crawl worker exited with ${code}`)));
  });
  return peakRss;
}
