import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedisHostGate } from '../../crawlers/fetch/redis-host-gate.ts';
import { fetchPolicyFor } from '../../crawlers/fetch-policy.ts';
import { createFetcher, type Fetcher } from '../../crawlers/fetcher.ts';
import { SOURCE_ADAPTERS } from '../../crawlers/registry.ts';
import { createRedisSeenPosts } from '../../crawlers/seen-posts.ts';
import { createSourceHealth } from '../../crawlers/source-health.ts';
import type { Channel } from '../alerts/channels/channel-plugin.ts';
import { createEventIndex } from '../events/event-index.ts';
import type { Logger } from '../logger.ts';
import { createMaintenance, type Maintenance } from '../maintenance/maintenance-worker.ts';
import { createRedisOperationsLedger } from '../maintenance/operations-ledger.ts';
import { createStoreHealth, reportStoreFailures } from '../maintenance/store-health.ts';
import { createChannelHealth, createEpisodes } from '../maintenance/system-probe.ts';
import { closeWorkers } from '../queues/close-workers.ts';
import type { StageName } from '../queues/payloads.ts';
import { createPipelineQueues, type PipelineQueues } from '../queues/pipeline-queues.ts';
import { createStageWorker } from '../queues/stage-worker.ts';
import { connectRedis, ensureReachable } from '../redis/redis-connection.ts';
import { checkRedisDurability } from '../redis/redis-durability.ts';
import { reportMailerFor } from '../reports/report-delivery.ts';
import { runScheduledReport } from '../reports/report-run.ts';
import type { Environment } from '../settings/interpolate.ts';
import type { AppConfig } from '../settings/load-config.ts';
import { createAlertStage } from '../stages/alert-stage.ts';
import { createClassifyStage } from '../stages/classify-stage.ts';
import { createCollectStage } from '../stages/collect-stage.ts';
import { createEventStage } from '../stages/event-stage.ts';
import { createIndexStage } from '../stages/index-stage.ts';
import type { Store } from '../store/store.ts';
import { buildAlertWork } from './build-alert-work.ts';
import { buildChannels } from './build-channels.ts';
import { buildSegmenter, lazyClassifier, lazySegmenter } from './build-classifier.ts';
import { buildLeadServices, type LeadServices, supervisionChannels } from './build-leads.ts';
import { buildStore } from './build-store.ts';
import { fetcherOptions } from './fetcher-options.ts';
import { createReloadingClassifier, type ReloadingClassifier } from './reloading-classifier.ts';
import type { ThreadLog } from './stage-thread.ts';

export interface RuntimeOptions {
  config: AppConfig;
  /** The environment the config was read with, for reloading rules the same way. */
  env: Environment;
  cwd: string;
  logger: Logger;
  redisUrl: string;
  /** The stages this process works on; the others are left to other processes. */
  stages: readonly StageName[];
  consoleOut: Writable;
  onCompleted?: (stage: StageName, result: unknown) => void;
  /**
   * Where a stage thread (settings.queues.thread_stages) writes its log lines, since `logger`
   * cannot cross to it: standard output (the default), a file, or nowhere (beside a silent
   * logger).
   */
  threadLog?: ThreadLog;
}

/** Everything a wagewatch process runs, built in one place and closed in reverse order. */
export interface Runtime {
  store: Store;
  queues: PipelineQueues;
  redis: Redis;
  /** The lead ledger's services, shared by the event stage and the HTTP intake. */
  leads: LeadServices;
  /** Starts taking jobs. */
  start(): void;
  /** Stops taking jobs, lets active ones finish, then closes every resource it opened. */
  close(): Promise<void>;
}

/** Builds and runs `options.stages` on this thread. */
export async function createStageRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const { settings } = config;
  const redis = connectRedis(options.redisUrl, 'wagewatch');
  try {
    await ensureReachable(redis, options.redisUrl);
    await checkRedisDurability(
      redis,
      options.redisUrl,
      { profile: settings.profile, verified: settings.redis.durability_verified },
      logger,
    );
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  // BullMQ defines its Lua scripts (64 of them) on the connection it is given, and ioredis copies
  // every one into each MULTI or pipeline made on that connection: about 35 µs each, against 6
  // on a connection without them. The project's own commands (rate limits, send leases, the
  // event index, seen posts) stay on `redis`; the queues get a connection of their own.
  const queueRedis = redis.duplicate({ connectionName: 'wagewatch-queues' });
  // BullMQ listens for the errors of its connection (and the queues log them); this one is ours
  // to listen to. ioredis reconnects by itself; unheard, it prints every failed try to stderr.
  redis.on('error', (error) => logger.warn({ err: error }, 'Redis connection error (reconnecting)'));
  const queues = createPipelineQueues(queueRedis, settings.redis.prefix, settings.queues, logger);
  // One post at a time across every worker, so two related posts never start two events.
  await queues.queue('event').setGlobalConcurrency(1);
  const segmenter = lazySegmenter(() => buildSegmenter(config));
  // Every store failure any stage meets reaches the system watch, not only what its probe sees.
  const storeHealth = createStoreHealth(redis, settings.redis.prefix);
  const storeFailed = (reason: string) =>
    void storeHealth
      .recordFailure(reason)
      .catch((error) => logger.warn({ err: error }, 'store failure not recorded for the operators'));
  let store: Store;
  try {
    // A dedicated collect worker writes evidence from a thread (see EmbeddedStoreOptions).
    const evidenceThread = options.stages.length === 1 && options.stages[0] === 'collect';
    store = reportStoreFailures(await buildStore(config, { segmenter, logger, evidenceThread }), storeFailed);
  } catch (error) {
    await queues.close();
    queueRedis.disconnect();
    redis.disconnect();
    throw error;
  }
  const wants = (stage: StageName) => options.stages.includes(stage);
  const fetcher: Fetcher | null = wants('collect')
    ? createFetcher({
        ...fetcherOptions(config),
        hostGate: createRedisHostGate(redis, {
          prefix: settings.redis.prefix,
          leaseMs:
            (settings.fetch.connect_timeout_s +
              settings.fetch.headers_timeout_s +
              settings.fetch.body_timeout_s) *
            1000,
        }),
      })
    : null;
  // The alert stage sends alerts; the process that runs maintenance sends operations notices.
  const channels: Map<string, Channel> =
    wants('alert') || wants('index') ? buildChannels(config, { consoleOut: options.consoleOut }) : new Map();
  const health = createSourceHealth(redis, settings.redis.prefix);
  const channelHealth = createChannelHealth(redis, settings.redis.prefix);

  const leads = buildLeadServices(config, store, lazyClassifier(config, segmenter), logger);
  let reloading: ReloadingClassifier | undefined;
  const handlers = {
    collect: () =>
      createCollectStage({
        sources: new Map(config.sources.map((source) => [source.id, source])),
        adapters: SOURCE_ADAPTERS,
        fetcher: fetcher as Fetcher,
        seen: createRedisSeenPosts(redis, { prefix: settings.redis.prefix, retentionDays: 30 }),
        emit: queues.emitter('classify'),
        health,
        keepEvidence: (items) => store.putEvidence(items),
        policyFor: (source) =>
          fetchPolicyFor(source, config.sourceAccess.get(source.id), settings.fetch.min_interval_ms),
        logger,
      }),
    classify: () => {
      reloading = createReloadingClassifier({
        config,
        env: options.env,
        cwd: options.cwd,
        segmenter,
        logger,
        watch: settings.classify.hot_reload,
      });
      return createClassifyStage({ analyze: reloading.analyze, emit: queues.emitter('index') });
    },
    index: () => createIndexStage({ store, emit: queues.emitter('event') }),
    event: () =>
      createEventStage({
        store,
        index: createEventIndex(redis, settings.redis.prefix, config.events.window_hours * 3_600_000),
        config: config.events,
        routing: config.routing,
        emit: queues.emitter('alert'),
        leads: leads.intake,
      }),
    alert: () =>
      createAlertStage(
        buildAlertWork(config, {
          store,
          redis,
          channels,
          channelHealth,
          emit: queues.emitter('alert'),
          logger,
        }),
      ),
  } as const;

  // The process that writes posts also deletes old ones.
  let maintenance: Maintenance | null = null;
  if (wants('index')) {
    const mailReports = reportMailerFor(config);
    maintenance = createMaintenance({
      connection: queueRedis,
      prefix: settings.redis.prefix,
      store,
      retentionDays: settings.store.retention_days,
      watch: {
        sources: config.sources,
        health,
        channels: config.routing.operations.channels.flatMap((name) => channels.get(name) ?? []),
        ledger: createRedisOperationsLedger(redis, settings.redis.prefix),
        system: {
          queues,
          store,
          storeHealth,
          channels: [...channels.keys()],
          channelHealth,
          thresholds: settings.operations,
          episodes: createEpisodes(redis, settings.redis.prefix),
        },
      },
      reports: {
        schedule: config.reports.schedule,
        run: (kind) =>
          runScheduledReport(
            {
              store,
              config,
              calendar: leads.calendar,
              outDir: join(settings.data_dir, 'reports'),
              formats: config.reports.formats,
              ...(mailReports ? { mail: mailReports } : {}),
              logger,
            },
            kind,
          ),
      },
      supervision: {
        store,
        calendar: leads.calendar,
        ladder: config.leads.ladder,
        channelsFor: (lead) => supervisionChannels(config, channels, lead),
        ledger: createRedisOperationsLedger(redis, settings.redis.prefix),
      },
      logger,
    });
    try {
      await maintenance.schedule();
    } catch (error) {
      await maintenance.close();
      await queues.close();
      await store.close();
      queueRedis.disconnect();
      redis.disconnect();
      throw error;
    }
  }

  const workers: Worker[] = options.stages.map((stage) =>
    createStageWorker({
      stage,
      handler: handlers[stage]() as never,
      connection: queueRedis,
      prefix: settings.redis.prefix,
      concurrency: settings.queues.concurrency[stage],
      lockMs: settings.queues.lock_s * 1000,
      logger,
      onCompleted: options.onCompleted,
    }),
  );

  return {
    store,
    queues,
    redis,
    leads,
    start() {
      for (const worker of workers) {
        worker.run().catch((error) => logger.error({ err: error }, 'worker stopped unexpectedly'));
      }
      maintenance?.start();
    },
    async close() {
      // Reverse order of creation: stop taking work, finish what is active, then release resources.
      await closeWorkers(workers, settings.queues.shutdown_grace_s * 1000, logger);
      await maintenance?.close();
      reloading?.close();
      await queues.close();
      await Promise.all([...channels.values()].map((channel) => channel.close?.()));
      await fetcher?.close();
      await store.close();
      await queueRedis.quit().catch(() => queueRedis.disconnect());
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
