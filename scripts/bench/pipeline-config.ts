import { sourceSchema } from '../../crawlers/source-config.ts';
import type { StageName } from '../../src/queues/payloads.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { Secret } from '../../src/settings/secret.ts';

/** What a pipeline child is told: where everything is and which stages it works on. */
export interface PipelineSpec {
  dataDir: string;
  redisUrl: string;
  prefix: string;
  webhookUrl: string;
  webhookSecret: string;
  /** Source id → feed URL on the loopback site. */
  sources: Record<string, string>;
  stages: StageName[];
}

export const BENCH_WEBHOOK = 'bench-duty-webhook';
const SECRET_ENV = 'WAGEWATCH_BENCH_WEBHOOK_SECRET';

/**
 * The project's own validated config with the bench's sources (loopback RSS feeds, whole text in
 * the feed) in place of the real ones, the levels the project routes going to one signed loopback
 * webhook with no group wait, and everything stored under the bench's temp dir.
 */
export function benchPipelineConfig(config: AppConfig, spec: PipelineSpec): AppConfig {
  const sources = Object.entries(spec.sources).map(([id, url]) =>
    sourceSchema.parse({
      id,
      name: `青禾县融媒体中心 ${id}`,
      kind: 'rss',
      every_s: 3600,
      min_interval_ms: 0,
      internal: true,
      options: { url, max_items: 500, fetch_article: false },
    }),
  );
  const levels = [...new Set(config.routing.routes.flatMap((route) => route.levels))];
  const noWait = <T extends { group_wait_s: number }>(timing: T): T => ({ ...timing, group_wait_s: 0 });
  const { alerting } = config.routing;
  return {
    ...config,
    settings: {
      ...config.settings,
      data_dir: spec.dataDir,
      redis: { ...config.settings.redis, url: spec.redisUrl, prefix: spec.prefix },
      store: { ...config.settings.store, kind: 'embedded' },
    },
    sources,
    routing: {
      ...config.routing,
      channels: {
        [BENCH_WEBHOOK]: {
          kind: 'webhook',
          url: spec.webhookUrl,
          secret_env: SECRET_ENV,
          timeout_s: 10,
          limits: { messages: 100, per_s: 1 },
        },
      },
      routes: [{ levels, channels: [BENCH_WEBHOOK] }],
      operations: { channels: [] },
      fallbacks: {},
      // No group wait: the latency measured is the pipeline's, not a configured pause.
      alerting: {
        red: noWait(alerting.red),
        orange: noWait(alerting.orange),
        yellow: noWait(alerting.yellow),
        blue: noWait(alerting.blue),
      },
    },
    onCall: {
      ...config.onCall,
      people: Object.fromEntries(
        Object.entries(config.onCall.people).map(([id, p]) => [id, { ...p, channels: [BENCH_WEBHOOK] }]),
      ),
    },
    secrets: new Map([[BENCH_WEBHOOK, new Secret(SECRET_ENV, spec.webhookSecret)]]),
    warnings: [],
  };
}
