// A fresh process that does only what a collect worker does, over 10,000 pages, and reports
// its peak RSS: the figure the crawl benchmark quotes, free of the comparison rounds' garbage.
import { BUNDLED_CONFIG_DIR } from '../../src/settings/config-location.ts';
import { loadConfig } from '../../src/settings/load-config.ts';
import { createCrawlRig, pagesPerSecond } from './crawl-rig.ts';

const [port, redisUrl, dir, pages, offset] = process.argv.slice(2);
const config = await loadConfig({ configDir: BUNDLED_CONFIG_DIR, env: {}, cwd: process.cwd() });
const rig = createCrawlRig(config, { port: Number(port), redisUrl: redisUrl as string, dir: dir as string });
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const rate = await pagesPerSecond((n) => rig.collectStep(n), Number(pages), Number(offset));
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await rig.close();
process.send?.({ peakRss: peak, rate });
process.disconnect?.();
