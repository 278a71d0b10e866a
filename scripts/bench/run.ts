import { parseArgs } from 'node:util';
import { restoreFastStringPrototype } from '../../src/app/fast-string-prototype.ts';
import { BUNDLED_CONFIG_DIR } from '../../src/settings/config-location.ts';
import { loadConfig } from '../../src/settings/load-config.ts';
import { benchAlerts } from './bench-alerts.ts';
import { benchClassify } from './bench-classify.ts';
import { benchCrawl } from './bench-crawl.ts';
import { benchPipeline } from './bench-pipeline.ts';
import { benchStore } from './bench-store.ts';

/** Benchmark groups by name; each returns its figures under stable key names. */
const GROUPS = {
  classify: benchClassify,
  alerts: benchAlerts,
  crawl: benchCrawl,
  store: benchStore,
  pipeline: benchPipeline,
} as const;

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    seconds: { type: 'string', default: '10' },
  },
});
const names = values.only ? values.only.split(',') : Object.keys(GROUPS);
const unknown = names.filter((name) => !(name in GROUPS));
if (unknown.length > 0) {
  console.error(`unknown group(s): ${unknown.join(', ')} (known: ${Object.keys(GROUPS).join(', ')})`);
  process.exit(2);
}
// As the CLI does once its modules are loaded (ioredis leaves String.prototype slow).
restoreFastStringPrototype();
const config = await loadConfig({ configDir: BUNDLED_CONFIG_DIR, env: {}, cwd: process.cwd() });
const results: Record<string, number | string | Record<string, number>> = {};
for (const name of names) {
  if (!values.json) process.stderr.write(`running ${name}…\n`);
  Object.assign(results, await GROUPS[name as keyof typeof GROUPS](config, Number(values.seconds)));
}
if (values.json) console.log(JSON.stringify(results));
else
  for (const [key, value] of Object.entries(results))
    console.log(`${key.padEnd(32)} ${typeof value === 'object' ? JSON.stringify(value) : value}`);
process.exit(0);
