import { parseArgs } from 'node:util';
import { buildSegmenter } from '../../app/build-classifier.ts';
import { buildStore } from '../../app/build-store.ts';
import { LEVEL_NAMES_ZH } from '../../domain/classification.ts';
import { createSilentLogger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { loadConfigForCli, reportStartupError } from '../load-config-for-cli.ts';

/** `wagewatch search 讨薪 塔吊 [--limit N] [--leads]`: full-text search over stored posts. */
export const searchCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      limit: { type: 'string', default: '10' },
      leads: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const limit = Number(values.limit);
  if (positionals.length === 0 || !Number.isInteger(limit) || limit < 1 || limit > 200) {
    io.stderr.write('用法：wagewatch search <关键词…> [--limit 1-200] [--leads] [--json]\n');
    return EXIT.config;
  }
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  const segmenter = buildSegmenter(config);
  let store: Store;
  try {
    store = await buildStore(config, { segmenter, logger: createSilentLogger() });
  } catch (error) {
    return reportStartupError(io, error);
  }
  try {
    const result = await store.searchPosts({
      text: positionals.join(' '),
      limit,
      ...(values.leads ? { lead: true } : {}),
    });
    if (values.json) {
      io.stdout.write(`${JSON.stringify(result)}\n`);
      return EXIT.ok;
    }
    io.stdout.write(`共 ${result.total} 条，显示 ${result.hits.length} 条\n`);
    for (const { post, classification } of result.hits) {
      const level = classification.level === 'none' ? '' : `【${LEVEL_NAMES_ZH[classification.level]}】`;
      io.stdout.write(
        `${level}${post.published_at.slice(0, 16).replace('T', ' ')} ${post.title ?? ''}\n  ${post.url}\n`,
      );
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
};
