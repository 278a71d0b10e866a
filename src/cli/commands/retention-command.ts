import { parseArgs } from 'node:util';
import { toShanghaiIso } from '../../domain/shanghai-time.ts';
import { runRetention } from '../../maintenance/retention.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = '用法：wagewatch retention [--dry-run]（按 store.retention_days 删除过期帖子与页面留存）\n';

/**
 * `wagewatch retention`: deletes posts and captured pages older than `store.retention_days` now,
 * as the nightly job does; `--dry-run` only counts them.
 */
export const retentionCommand: Command = async (args, io) => {
  let dryRun: boolean;
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { 'dry-run': { type: 'boolean', default: false } },
      allowPositionals: false,
    });
    dryRun = values['dry-run'];
  } catch {
    io.stderr.write(USAGE);
    return EXIT.config;
  }
  return withConfiguredStore(io, async ({ config, store }) => {
    const days = config.settings.store.retention_days;
    if (dryRun) {
      const cutoff = toShanghaiIso(new Date(Date.now() - days * 86_400_000));
      const posts = await store.countPosts({ until: cutoff });
      io.stdout.write(`保留 ${days} 天：${cutoff} 之前发布的 ${posts} 条帖子将被删除（未删除，--dry-run）\n`);
      return EXIT.ok;
    }
    const run = await runRetention(store, days);
    io.stdout.write(
      `保留 ${days} 天：已删除 ${run.cutoff} 之前发布的帖子 ${run.posts} 条、页面留存 ${run.evidence} 份；审计日志不删除\n`,
    );
    return EXIT.ok;
  });
};
