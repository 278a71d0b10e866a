import { parseArgs } from 'node:util';
import { coverageGaps, dutyAt } from '../../alerts/oncall.ts';
import { toShanghaiIso } from '../../domain/shanghai-time.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { loadConfigForCli } from '../load-config-for-cli.ts';

/** `wagewatch config check`: validates every config file and prints a short, secret-free summary. */
export const configCommand: Command = async (args, io) => {
  const { positionals } = parseArgs({ args: [...args], options: {}, allowPositionals: true });
  if (positionals[0] !== 'check' || positionals.length > 1) {
    io.stderr.write('用法：wagewatch config check\n');
    return EXIT.config;
  }
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  const enabled = config.sources.filter((source) => source.enabled).map((source) => source.id);
  const groups = config.rules.reduce((n, file) => n + Object.keys(file.groups).length, 0);
  const rules = config.rules.reduce((n, file) => n + file.rules.length, 0);
  // Half-hour steps over the next two weeks that no shift covers: nobody would be paged then.
  const gaps = coverageGaps(config.onCall, new Date(), 14);
  const duty = dutyAt(config.onCall, new Date());
  io.stdout.write(
    `${[
      `配置有效（config OK）: ${config.configDir}`,
      `  data_dir: ${config.settings.data_dir}`,
      `  redis: ${config.settings.redis.url ? 'REDIS_URL' : 'private redis-server under data_dir'}`,
      `  sources: ${config.sources.length} (${enabled.length} enabled${enabled.length ? `: ${enabled.join(', ')}` : ''})`,
      `  rules: ${rules} rules over ${groups} term groups; levels: ${config.levels.levels.length} entries`,
      `  channels: ${Object.keys(config.routing.channels).join(', ')}; routes: ${config.routing.routes.length}`,
      `  gazetteer: ${config.gazetteer.county}, ${config.gazetteer.towns.length} towns`,
      `  on call now: ${duty ? `${duty.shift} (${duty.primary.name}, ${duty.secondary.name}, ${duty.leader.name})` : 'nobody'}`,
      ...(gaps.length > 0
        ? [
            `  warning: oncall.yaml leaves ${gaps.length} half-hours uncovered in the next 14 days, first ${toShanghaiIso(gaps[0] as Date).slice(0, 16)}`,
          ]
        : []),
      ...config.warnings.map((warning) => `  warning: ${warning}`),
    ].join('\n')}\n`,
  );
  return EXIT.ok;
};
