import { parseArgs } from 'node:util';
import { STAGES } from '../../queues/payloads.ts';
import { createPipelineQueues } from '../../queues/pipeline-queues.ts';
import { connectRedis } from '../../redis/redis-connection.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { loadConfigForCli } from '../load-config-for-cli.ts';

/** `wagewatch queues [--failed]`: backlog per stage, and the failed jobs kept for inspection. */
export const queuesCommand: Command = async (args, io) => {
  const { values } = parseArgs({ args: [...args], options: { failed: { type: 'boolean', default: false } } });
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  if (!config.settings.redis.url) {
    io.stderr.write('queues 需要 REDIS_URL：私有 Redis 只在 wagewatch start 运行期间存在。\n');
    return EXIT.config;
  }
  const redis = connectRedis(config.settings.redis.url, 'wagewatch-cli');
  const queues = createPipelineQueues(redis, config.settings.redis.prefix, config.settings.queues);
  try {
    for (const stage of STAGES) {
      const counts = await queues
        .queue(stage)
        .getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
      io.stdout.write(
        `${stage.padEnd(9)} ${Object.entries(counts)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}\n`,
      );
      if (!values.failed) continue;
      for (const job of await queues.queue(stage).getFailed(0, 49)) {
        io.stdout.write(
          `  ${job.id} attempts=${job.attemptsMade} ${new Date(job.finishedOn ?? 0).toISOString()} ${job.failedReason}\n`,
        );
      }
    }
    return EXIT.ok;
  } finally {
    await queues.close();
    await redis.quit();
  }
};
