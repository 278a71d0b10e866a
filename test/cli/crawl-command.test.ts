import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyProjectConfig } from '../helpers/config-copy.ts';
import { fixture, startFixtureSite } from '../helpers/crawl-fixtures.ts';
import { runCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function configWithFeed(feedUrl: string): Promise<string> {
  const configDir = await copyProjectConfig(await tempDir());
  await writeFile(
    join(configDir, 'sources', 'local-news.yaml'),
    [
      'id: local-news',
      'name: 本地新闻',
      'kind: rss',
      'enabled: false',
      'every_s: 600',
      'internal: true',
      'options:',
      `  url: ${feedUrl}`,
      '  fetch_article: false',
    ].join('\n'),
  );
  return configDir;
}

describe('wagewatch crawl <source> --once', () => {
  it('runs one pass by hand and lists what it read, without touching the pipeline', async () => {
    const site = await startFixtureSite((request) =>
      request.url === '/feed.xml'
        ? {
            headers: { 'content-type': 'application/xml' },
            body: fixture('news_rss/chinanews_scroll-news_2026-04_trimmed.transcribed.xml'),
          }
        : null,
    );
    close = site.close;
    const configDir = await configWithFeed(`${site.url}/feed.xml`);
    const run = await runCli(['crawl', 'local-news', '--once'], { WAGEWATCH_CONFIG_DIR: configDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('英媒称霍尔木兹海峡航运再次停滞');
    expect(run.stdout).toContain('本地新闻（local-news）：请求 1 次，读到帖子 3 条');
    expect(site.seen.map((r) => r.url)).toEqual(['/robots.txt', '/feed.xml']);

    const json = await runCli(['crawl', 'local-news', '--once', '--json'], {
      WAGEWATCH_CONFIG_DIR: configDir,
    });
    const posts = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(posts).toHaveLength(3);
    expect(posts[0]).toMatchObject({ source: 'local-news', id: expect.stringMatching(/^local-news:/) });
  });

  it('names an unknown source and the configured ones', async () => {
    const run = await runCli(['crawl', 'nowhere', '--once']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('没有这个来源：nowhere');
    expect(run.stderr).toContain('weibo-mobile-search');
  });
});
