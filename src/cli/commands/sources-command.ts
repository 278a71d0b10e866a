import { parseArgs } from 'node:util';
import { createSourceHealth, type SourceHealth } from '../../../crawlers/source-health.ts';
import { toShanghaiIso } from '../../domain/shanghai-time.ts';
import { connectRedis } from '../../redis/redis-connection.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { loadConfigForCli } from '../load-config-for-cli.ts';

const STATE_ZH = {
  ok: '正常',
  credential_expired: '凭证失效',
  captcha: '需要验证码',
  throttled: '被限流',
  forbidden: '被拒绝',
} as const;

/**
 * `wagewatch sources [--json]`: each source's health as the workers recorded it: last success,
 * failures, credential state, error rate and new posts over the last 24 hours.
 */
export const sourcesCommand: Command = async (args, io) => {
  const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean', default: false } } });
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  if (!config.settings.redis.url) {
    io.stderr.write('sources 需要 REDIS_URL：私有 Redis 只在 wagewatch start 运行期间存在。\n');
    return EXIT.config;
  }
  const redis = connectRedis(config.settings.redis.url, 'wagewatch-cli');
  const health = createSourceHealth(redis, config.settings.redis.prefix);
  try {
    const rows = [];
    for (const source of config.sources) rows.push({ source, health: await health.read(source.id) });
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify(rows.map(({ source, health: h }) => ({ id: source.id, enabled: source.enabled, ...h })))}\n`,
      );
      return EXIT.ok;
    }
    for (const { source, health: h } of rows)
      io.stdout.write(renderRow(source.id, source.name, source.enabled, h));
    return EXIT.ok;
  } finally {
    await redis.quit();
  }
};

function renderRow(id: string, name: string, enabled: boolean, h: SourceHealth): string {
  const at = (ms: number | null) =>
    ms === null ? '—' : toShanghaiIso(new Date(ms)).replace('T', ' ').slice(0, 16);
  const errorRate = h.passes24h === 0 ? '—' : `${Math.round((h.failures24h / h.passes24h) * 100)}%`;
  const status = !enabled
    ? '停用'
    : h.failingSince !== null
      ? `失败中（连续 ${h.consecutiveFailures} 次）`
      : STATE_ZH[h.credentialState];
  const lines = [
    `${name}（${id}）：${status}`,
    `  最近成功 ${at(h.lastSuccessAt)}　最近新帖 ${at(h.lastNewPostAt)}　24小时：采集 ${h.passes24h} 轮，失败率 ${errorRate}，新帖 ${h.newPosts24h} 条（每小时 ${(h.newPosts24h / 24).toFixed(1)} 条）`,
  ];
  if (h.lastError && h.failingSince !== null) lines.push(`  最近错误：${h.lastError}`);
  return `${lines.join('\n')}\n`;
}
