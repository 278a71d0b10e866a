import type { AppConfig } from '../settings/load-config.ts';
import { Secret } from '../settings/secret.ts';

export const DEMO_SOURCE_ID = 'demo-site';
const DEMO_WEBHOOK = 'demo-duty-webhook';

export interface DemoEndpoints {
  dataDir: string;
  siteUrl: string;
  webhookUrl: string;
  webhookSecret: string;
  /** Set when the demo shares a Redis, so its queues stay apart from a real deployment's. */
  redisPrefix?: string | undefined;
}

/**
 * The configuration the demo runs with: the project's own validated config, with only the demo
 * site enabled (nothing leaves loopback), alerts going to a brief console line and to a signed
 * loopback webhook, and everything stored under the demo's data dir.
 */
export function demoConfig(config: AppConfig, endpoints: DemoEndpoints): AppConfig {
  const demoSource = config.sources.find((source) => source.id === DEMO_SOURCE_ID);
  if (!demoSource) throw new Error(`the demo needs config/sources/${DEMO_SOURCE_ID}.yaml`);
  const levels = [...new Set(config.routing.routes.flatMap((route) => route.levels))];
  return {
    ...config,
    settings: {
      ...config.settings,
      data_dir: endpoints.dataDir,
      redis: { ...config.settings.redis, prefix: endpoints.redisPrefix ?? config.settings.redis.prefix },
    },
    sources: [
      {
        ...demoSource,
        enabled: true,
        options: { ...(demoSource.options as object), url: endpoints.siteUrl },
      },
    ],
    routing: {
      departments: config.routing.departments,
      channels: {
        console: { kind: 'console', style: 'brief' },
        [DEMO_WEBHOOK]: {
          kind: 'webhook',
          url: endpoints.webhookUrl,
          secret_env: 'WAGEWATCH_DEMO_WEBHOOK_SECRET',
          timeout_s: 5,
          limits: { messages: 100, per_s: 1 },
        },
      },
      routes: [{ levels, channels: ['console', DEMO_WEBHOOK] }],
      operations: { channels: ['console'] },
      fallbacks: {},
      // Short group waits, so a one-minute demo shows every level.
      alerting: {
        red: { ...config.routing.alerting.red, group_wait_s: 0 },
        orange: { ...config.routing.alerting.orange, group_wait_s: 1 },
        yellow: { ...config.routing.alerting.yellow, group_wait_s: 2 },
        blue: { ...config.routing.alerting.blue, group_wait_s: 3 },
      },
    },
    onCall: {
      ...config.onCall,
      people: Object.fromEntries(
        Object.entries(config.onCall.people).map(([id, p]) => [id, { ...p, channels: ['console'] }]),
      ),
    },
    secrets: new Map([[DEMO_WEBHOOK, new Secret('WAGEWATCH_DEMO_WEBHOOK_SECRET', endpoints.webhookSecret)]]),
    warnings: [],
  };
}
