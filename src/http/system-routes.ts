import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Classifier } from '../../classifiers/classify.ts';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import type { SourceHealth, SourceHealthStore } from '../../crawlers/source-health.ts';
import type { OnCallRoster } from '../alerts/oncall.ts';
import { dutyTimeline, rosterDays } from '../alerts/oncall-schedule.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import { ConfigError } from '../errors.ts';
import type { WorkingCalendarConfig } from '../leads/working-days.ts';
import type { RuleSet } from '../settings/load-rule-set.ts';
import type { RuleFiles } from '../settings/rule-files.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { csrfForSessions, requireUser } from './auth-routes.ts';
import { BACKTEST_ID, BACKTEST_KIND, type BacktestRecord, runBacktest } from './rules-backtest.ts';
import { rulesView } from './rules-view.ts';

const OPERATORS = ['admin', 'monitor'] as const;
const RULE_READERS = ['admin', 'monitor', 'hr'] as const;
const ROSTER_DAYS = 7;
const NO_HEALTH =
  '本进程未连接 Redis，无法读取采集健康状态：请在运行 wagewatch start 的控制台查看，或用 wagewatch sources。';

/** What the 系统 page's sources, rules and roster views read; the composition root builds it. */
export interface SystemDeps {
  sources: readonly SourceConfig[];
  /** Source health as the workers record it in Redis; null where this process has no Redis. */
  health: SourceHealthStore | null;
  /** The rule files as they are on disk now; throws ConfigError when they have problems. */
  loadRules(): Promise<RuleFiles>;
  /** The classifier a rule set makes, built on first use. */
  classifierFor(ruleSet: RuleSet): Classifier;
  roster: OnCallRoster;
  /** Channel name → the phones it texts (its SMS channels), masked before they are shown. */
  phonesByChannel: ReadonlyMap<string, readonly string[]>;
  calendar: WorkingCalendarConfig;
}

const limitSchema = z.coerce.number().int().min(1).max(50_000).optional();
const backtestQuery = z.strictObject({ limit: limitSchema });
const backtestBody = z.strictObject({ limit: limitSchema }).nullish();

/**
 * The 系统 page's operating views: every configured source with the health the workers keep,
 * the rule set on disk with a backtest against the stored posts (the admin runs it; it is kept
 * and audited), and who is on duty today and over the next week.
 */
export function registerSystemRoutes(
  app: FastifyInstance,
  deps: SystemDeps & { store: Store; now?: () => Date },
): void {
  const now = deps.now ?? (() => new Date());
  let running = false;

  app.get(
    '/api/sources',
    { schema: { tags: ['system'], summary: '数据源与采集健康' } },
    async (request, reply) => {
      if (!requireUser(request, reply, OPERATORS)) return reply;
      let note = deps.health ? null : NO_HEALTH;
      const items = [];
      for (const source of deps.sources) {
        let health: SourceHealth | null = null;
        if (deps.health && note === null) {
          try {
            health = await deps.health.read(source.id, now().getTime());
          } catch (error) {
            request.log.error({ err: error }, 'source health unreadable');
            note = '采集健康状态读取失败（Redis 不可用），请稍后重试。';
          }
        }
        const { id, name, kind, enabled, every_s } = source;
        items.push({ id, name, kind, enabled, every_s, health: health && healthView(health, enabled) });
      }
      return { health_available: note === null, health_note: note, items };
    },
  );

  app.get(
    '/api/rules',
    { schema: { tags: ['system'], summary: '规则集（只读）' } },
    async (request, reply) => {
      if (!requireUser(request, reply, RULE_READERS)) return reply;
      const rules = await readRules(reply);
      if (!rules) return reply;
      return rulesView(rules);
    },
  );

  app.get(
    '/api/rules/backtest',
    { schema: { tags: ['system'], summary: '最近一次规则回测结果' } },
    async (request, reply) => {
      if (!requireUser(request, reply, RULE_READERS)) return reply;
      const latest = await deps.store.getRecord<BacktestRecord>(BACKTEST_KIND, BACKTEST_ID);
      if (!latest) return sendApiError(reply, 404, { code: 'not_found', message: '尚未进行规则回测' });
      return latest.data;
    },
  );

  app.post(
    '/api/rules/backtest',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['system'], summary: '用磁盘上的规则回测已入库帖子（管理员，记入审计）' },
    },
    async (request, reply) => {
      const actor = requireUser(request, reply, ['admin']);
      if (!actor) return reply;
      const query = backtestQuery.safeParse(request.query, ZH_ERRORS);
      const body = backtestBody.safeParse(request.body, ZH_ERRORS);
      if (!query.success || !body.success)
        return sendApiError(reply, 400, {
          code: 'invalid_query',
          message: 'limit 须为 1 到 50000 之间的整数',
          details: [...(query.error?.issues ?? []), ...(body.error?.issues ?? [])],
        });
      if (running)
        return sendApiError(reply, 409, {
          code: 'backtest_running',
          message: '已有回测正在进行，请稍后查看结果',
        });
      running = true;
      try {
        const rules = await readRules(reply);
        if (!rules) return reply;
        return await runBacktest({
          store: deps.store,
          classify: deps.classifierFor(rules.ruleSet),
          rules: {
            files: rules.files.length,
            rules: rules.files.reduce((n, f) => n + f.rules.rules.length, 0),
          },
          limit: body.data?.limit ?? query.data.limit ?? 5000,
          by: actor.name,
          now,
        });
      } finally {
        running = false;
      }
    },
  );

  app.get(
    '/api/oncall',
    { schema: { tags: ['system'], summary: '值班表：今天与之后 7 天' } },
    async (request, reply) => {
      if (!requireUser(request, reply, OPERATORS)) return reply;
      const at = now();
      const spans = dutyTimeline(deps.roster, deps.phonesByChannel, at, ROSTER_DAYS);
      const t = at.getTime();
      return {
        generated_at: toShanghaiIso(at),
        on_duty: spans.find((s) => Date.parse(s.from) <= t && t < Date.parse(s.to)) ?? null,
        days: rosterDays(deps.roster, deps.calendar, at, ROSTER_DAYS),
        spans,
      };
    },
  );

  /** The rule files, or a 409 listing their problems (the running rules stay as they were). */
  async function readRules(reply: FastifyReply): Promise<RuleFiles | null> {
    try {
      return await deps.loadRules();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      void sendApiError(reply, 409, {
        code: 'rules_invalid',
        message: '规则文件有误，请先修正（运行中的规则不受影响）',
        details: error.problems,
      });
      return null;
    }
  }
}

function healthView(h: SourceHealth, enabled: boolean) {
  const at = (ms: number | null) => (ms === null ? null : toShanghaiIso(new Date(ms)));
  const blocked = h.credentialState !== 'ok';
  return {
    status: !enabled
      ? 'disabled'
      : blocked
        ? 'blocked'
        : h.failingSince !== null
          ? 'failing'
          : h.lastSuccessAt === null
            ? 'unknown'
            : 'ok',
    last_success_at: at(h.lastSuccessAt),
    last_failure_at: at(h.lastFailureAt),
    last_error: h.lastError,
    failing_since: at(h.failingSince),
    consecutive_failures: h.consecutiveFailures,
    credential_state: h.credentialState,
    blocked,
    last_new_post_at: at(h.lastNewPostAt),
    last_pass_new_posts: h.lastPassNewPosts,
    passes_24h: h.passes24h,
    failures_24h: h.failures24h,
    new_posts_24h: h.newPosts24h,
  };
}
