import { parseArgs } from 'node:util';
import { runCrawlPass } from '../../../crawlers/crawl-pass.ts';
import { fetchPolicyFor } from '../../../crawlers/fetch-policy.ts';
import { createFetcher } from '../../../crawlers/fetcher.ts';
import { SOURCE_ADAPTERS } from '../../../crawlers/registry.ts';
import { fetcherOptions } from '../../app/fetcher-options.ts';
import type { Post } from '../../domain/post.ts';
import { errorMessage } from '../../errors.ts';
import { createLogger } from '../../logger.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { loadConfigForCli } from '../load-config-for-cli.ts';

const USAGE = '用法：wagewatch crawl <来源id> --once [--json] [--max-requests N]\n';

const BLOCK_NAMES_ZH = {
  credential_expired: '登录凭证失效',
  captcha: '需要验证码',
  throttled: '被限流',
  forbidden: '被拒绝访问',
} as const;

/**
 * `wagewatch crawl <source> --once`: one collection pass by hand, printing what it found. It
 * reads the whole paging sequence as a first pass would (nothing counts as known) and hands
 * nothing to the pipeline, so it is safe to run beside the workers while setting a source up.
 */
export const crawlCommand: Command = async (args, io) => {
  let parsed: { values: { once: boolean; json: boolean; 'max-requests'?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        once: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'max-requests': { type: 'string' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n${USAGE}`);
    return EXIT.config;
  }
  const { values, positionals } = parsed;
  const maxRequests = values['max-requests'] === undefined ? undefined : Number(values['max-requests']);
  if (positionals.length !== 1 || !values.once || (maxRequests !== undefined && !(maxRequests >= 1))) {
    io.stderr.write(USAGE);
    return EXIT.config;
  }
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  const source = config.sources.find((s) => s.id === positionals[0]);
  if (!source) {
    io.stderr.write(
      `没有这个来源：${positionals[0]}（已配置：${config.sources.map((s) => s.id).join('、')}）\n`,
    );
    return EXIT.config;
  }
  const fetcher = createFetcher(fetcherOptions(config));
  const posts: Post[] = [];
  try {
    const result = await runCrawlPass({
      adapter: SOURCE_ADAPTERS.get(source.kind) as NonNullable<ReturnType<typeof SOURCE_ADAPTERS.get>>,
      source,
      fetcher,
      policy: fetchPolicyFor(
        source,
        config.sourceAccess.get(source.id),
        config.settings.fetch.min_interval_ms,
      ),
      known: async (ids) => ids.map(() => false),
      take: async (taken) => void posts.push(...taken),
      newestSeen: null,
      logger: createLogger({ level: values.json ? 'silent' : 'warn', destination: io.stderr }),
      ...(maxRequests ? { maxRequests } : {}),
    });
    if (values.json) {
      for (const post of posts) io.stdout.write(`${JSON.stringify(post)}\n`);
    } else {
      for (const post of posts) io.stdout.write(renderPost(post));
      const blocked = result.blocked
        ? `；被拦截：${BLOCK_NAMES_ZH[result.blocked.reason]}（${result.blocked.detail}）`
        : '';
      io.stdout.write(
        `\n${source.name}（${source.id}）：请求 ${result.pages} 次，读到帖子 ${result.found} 条，丢弃 ${result.dropped} 条，字段不全 ${result.degraded} 条，详情失败 ${result.detailFailures} 次${result.truncated ? '，已达请求上限' : ''}${blocked}\n`,
      );
    }
    return result.blocked ? EXIT.failure : EXIT.ok;
  } catch (error) {
    io.stderr.write(`采集失败：${errorMessage(error)}\n`);
    return EXIT.failure;
  } finally {
    await fetcher.close();
  }
};

function renderPost(post: Post): string {
  const text = post.text.replace(/\s+/g, ' ');
  const head = post.title ?? (text.length > 40 ? `${text.slice(0, 40)}…` : text);
  return `${post.published_at.slice(0, 16).replace('T', ' ')} ${post.author ?? '（无作者）'} · ${head}\n  ${post.url}\n`;
}
