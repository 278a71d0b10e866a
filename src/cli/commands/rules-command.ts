import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type BacktestChange, type BacktestReport, backtest } from '../../app/backtest.ts';
import { buildClassifier } from '../../app/build-classifier.ts';
import { ConfigError } from '../../errors.ts';
import { loadRuleSet } from '../../settings/load-rule-set.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = '用法：wagewatch rules test [--candidate 配置目录] [--limit 条数] [--json]\n';

/**
 * `wagewatch rules test`: runs a candidate rule set (by default the config as it is now on disk)
 * over every stored post and shows what would change: new leads, lost leads, level changes.
 */
export const rulesCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      candidate: { type: 'string' },
      limit: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const limit = Number(values.limit);
  if (positionals[0] !== 'test' || positionals.length > 1 || !Number.isInteger(limit) || limit < 0) {
    io.stderr.write(USAGE);
    return EXIT.config;
  }
  return withConfiguredStore(io, async ({ config, store, segmenter }) => {
    const candidateDir = values.candidate ? resolve(io.cwd, values.candidate) : config.configDir;
    let ruleSet: Awaited<ReturnType<typeof loadRuleSet>>;
    try {
      ruleSet = await loadRuleSet({ configDir: candidateDir, env: io.env, cwd: io.cwd });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr.write(`候选规则有误：\n${error.message}\n`);
      return EXIT.config;
    }
    const report = await backtest(
      store.scanPosts(500),
      buildClassifier({ ...config, ...ruleSet }, segmenter),
    );
    io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : renderBacktest(report, limit));
    return EXIT.ok;
  });
};

function renderBacktest(report: BacktestReport, limit: number): string {
  const list = (changes: BacktestChange[]) =>
    changes
      .slice(0, limit)
      .map((c) => `  ${c.id} ${c.before}→${c.after} ${c.title}  [${c.rules.join(', ')}]`);
  const levelChanges = Object.entries(report.levelChanges).map(([change, n]) => `${change} ${n}`);
  return [
    `回测 ${report.scanned} 条已入库帖子：${report.unchanged} 条不变，新增线索 ${report.newLeads.length}，` +
      `减少线索 ${report.lostLeads.length}，等级变化 ${levelChanges.length > 0 ? levelChanges.join('，') : '无'}`,
    ...(report.newLeads.length > 0 ? ['新增线索：', ...list(report.newLeads)] : []),
    ...(report.lostLeads.length > 0 ? ['减少线索：', ...list(report.lostLeads)] : []),
    ...(report.otherChanges.length > 0 ? ['等级变化：', ...list(report.otherChanges)] : []),
    '',
  ].join('\n');
}
