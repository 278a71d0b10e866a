import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import * as OTPAuth from 'otpauth';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSourceHealth } from '../../crawlers/source-health.ts';
import type { ChannelConfig } from '../../src/alerts/routing-schema.ts';
import { buildSystemDeps } from '../../src/app/system-deps.ts';
import { createAccount } from '../../src/auth/accounts.ts';
import type { Role } from '../../src/domain/roles.ts';
import { buildHttpServer, type HttpServerDeps } from '../../src/http/server.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { copyProjectConfig, editConfigFile } from '../helpers/config-copy.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { sampleClassification, samplePost, stored } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PASSWORD = 'Gongzi-Qingling-2027';
/** The Friday before the 2027 Spring Festival holidays that config/oncall.yaml lists. */
const NOW = new Date('2027-02-05T10:00:00+08:00');
type Session = { cookies: Record<string, string>; csrf: string };

/** The project config with two sources switched on and 值班员甲 reachable by SMS. */
function withPhones(config: AppConfig): AppConfig {
  const sms = {
    kind: 'sms',
    url: 'http://sms.test/send',
    phones: ['13812345678'],
  } as unknown as ChannelConfig;
  return {
    ...config,
    sources: config.sources.map((s) =>
      ['weibo-mobile-search', 'chinanews-society'].includes(s.id) ? { ...s, enabled: true } : s,
    ),
    routing: { ...config.routing, channels: { ...config.routing.channels, 'duty-a-sms': sms } },
    onCall: {
      ...config.onCall,
      people: {
        ...config.onCall.people,
        'duty-a': { name: '值班员甲', channels: ['console', 'duty-a-sms'] },
      },
    },
  };
}

describe('the 系统 page: sources, rules and backtests, the roster', () => {
  const redis = connectTestRedis();
  let config: AppConfig;
  let store: Store;
  let app: FastifyInstance;
  let sessions = new Map<Role, Session>();
  let health: ReturnType<typeof createSourceHealth>;

  beforeAll(async () => {
    config = withPhones(await loadProjectConfig({ WAGEWATCH_MATCH_KEY: 'k' }));
  });
  afterAll(() => redis.quit());

  /** A server on the test's store; people sign in once per test, their sessions live in the store. */
  async function serve(system: HttpServerDeps['system']) {
    app = await buildHttpServer({ store, linkKey: null, now: () => NOW, ...(system ? { system } : {}) });
    for (const role of ['admin', 'monitor', 'hr', 'unit'] as const) {
      if (sessions.has(role)) continue;
      const made = await createAccount(
        store,
        {
          username: `u-${role}`,
          display_name: `${role}人员`,
          role,
          ...(role === 'unit' ? { unit: '河口镇' } : {}),
          password: PASSWORD,
          createdBy: 'first-run',
        },
        NOW,
      );
      const totp = made.totpUri
        ? (OTPAuth.URI.parse(made.totpUri) as OTPAuth.TOTP).generate({ timestamp: NOW.getTime() })
        : undefined;
      const res = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: `u-${role}`, password: PASSWORD, ...(totp ? { totp } : {}) },
      });
      expect(res.statusCode, `${role} signs in`).toBe(200);
      sessions.set(role, {
        cookies: Object.fromEntries(res.cookies.map((c) => [c.name, c.value])),
        csrf: res.json().csrf,
      });
    }
  }

  const as = (role: Role, method: 'GET' | 'POST', url: string, payload?: object, csrf = true) => {
    const session = sessions.get(role) as Session;
    return app.inject({
      method,
      url,
      cookies: session.cookies,
      ...(csrf ? { headers: { 'x-csrf-token': session.csrf } } : {}),
      ...(payload ? { payload } : {}),
    });
  };

  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'sys.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    health = createSourceHealth(redis, uniquePrefix('sys'));
    sessions = new Map();
  });
  afterEach(async () => {
    await app?.close();
    await store.close();
  });

  it('lists every configured source with the health the workers keep in Redis', async () => {
    const at = NOW.getTime();
    await health.recordPass('chinanews-society', { at: at - 120_000, fresh: 3, blocked: null });
    await health.recordPass('chinanews-society', { at: at - 60_000, fresh: 7, blocked: null });
    await health.recordPass('weibo-mobile-search', { at: at - 60_000, fresh: 12, blocked: null });
    await health.recordPass('weibo-mobile-search', {
      at,
      fresh: 0,
      blocked: { reason: 'credential_expired', detail: 'HTTP 432' },
    });
    await serve(buildSystemDeps(config, { health }));
    const res = await as('monitor', 'GET', '/api/sources');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ health_available: true, health_note: null });
    expect(body.items.map((s: { id: string }) => s.id)).toEqual(config.sources.map((s) => s.id));
    const byId = new Map(body.items.map((s: { id: string }) => [s.id, s]));
    expect(byId.get('chinanews-society')).toMatchObject({
      kind: 'rss',
      enabled: true,
      every_s: 600,
      health: {
        status: 'ok',
        last_success_at: '2027-02-05T09:59:00+08:00',
        last_pass_new_posts: 7,
        new_posts_24h: 10,
        consecutive_failures: 0,
      },
    });
    expect(byId.get('weibo-mobile-search')).toMatchObject({
      enabled: true,
      health: {
        status: 'blocked',
        blocked: true,
        credential_state: 'credential_expired',
        last_error: 'credential_expired: HTTP 432',
        last_failure_at: '2027-02-05T10:00:00+08:00',
        consecutive_failures: 1,
        last_pass_new_posts: 0,
        passes_24h: 2,
        failures_24h: 1,
      },
    });
    expect(byId.get('tieba-search')).toMatchObject({ enabled: false, health: { status: 'disabled' } });
  });

  it('still lists the sources without Redis, and says why there is no health', async () => {
    await serve(buildSystemDeps(config, { health: null }));
    const body = (await as('admin', 'GET', '/api/sources')).json();
    expect(body.health_available).toBe(false);
    expect(body.health_note).toContain('Redis');
    expect(body.items).toHaveLength(config.sources.length);
    expect(body.items.every((s: { health: unknown }) => s.health === null)).toBe(true);
    expect((await as('hr', 'GET', '/api/sources')).statusCode).toBe(403);
  });

  it('shows the rule files with scope, weights and term groups, and refuses a broken one', async () => {
    await serve(buildSystemDeps(config, { health: null }));
    const view = (await as('hr', 'GET', '/api/rules')).json();
    const files = view.files.map((f: { file: string }) => f.file);
    expect(files).toEqual([
      'config/rules/case-evidence.yaml',
      'config/rules/industries.yaml',
      'config/rules/noise.yaml',
      'config/rules/wage-claims.yaml',
    ]);
    const evidence = view.files[0];
    const own = evidence.rules.find((r: { id: string }) => r.id === 'own-appeal');
    expect(own).toMatchObject({ scope: expect.any(String), score: expect.any(Number) });
    const firstPerson = evidence.groups.find((g: { name: string }) => g.name === 'first_person');
    expect(firstPerson.terms).toBeGreaterThan(8);
    expect(firstPerson.examples).toHaveLength(8);
    expect(view.totals.rules).toBe(view.files.reduce((n: number, f: { rules: [] }) => n + f.rules.length, 0));
    expect(view.lead_min_score).toBe(config.levels.lead.min_score);
    await app.close();

    const dir = await copyProjectConfig(await tempDir());
    await editConfigFile(dir, 'rules/noise.yaml', 'version: 1', 'version: 2');
    const broken = { ...config, configDir: dir };
    await serve(buildSystemDeps(broken, { health: null }));
    const res = await as('monitor', 'GET', '/api/rules');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'rules_invalid',
      message: expect.stringContaining('规则文件有误'),
    });
    expect(JSON.stringify(res.json().details)).toContain('noise.yaml');
  });

  it('backtests the rule files on the stored posts for the admin, keeps the result and audits it', async () => {
    await store.upsertPosts([
      stored(
        samplePost(
          'new',
          '电话13812345678，我们三十多名工人在河口镇工地干了半年，老板拖欠工资跑路了，求助！',
        ),
      ),
      stored(
        samplePost('lost', '县人社局召开根治欠薪冬季专项行动部署会。'),
        sampleClassification({ lead: true, level: 'yellow' }),
      ),
      stored(samplePost('same', '今天天气很好。')),
    ]);
    await serve(buildSystemDeps(config, { health: null }));
    expect((await as('monitor', 'GET', '/api/rules/backtest')).json()).toMatchObject({ code: 'not_found' });
    expect((await as('monitor', 'POST', '/api/rules/backtest', {})).statusCode).toBe(403);
    expect((await as('admin', 'POST', '/api/rules/backtest', {}, false)).json()).toMatchObject({
      code: 'csrf',
    });
    for (const bad of [{ limit: 0 }, { limit: 50_001 }, { limit: 'many' }, { other: 1 }]) {
      const res = await as('admin', 'POST', '/api/rules/backtest', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().code).toBe('invalid_query');
    }

    const res = await as('admin', 'POST', '/api/rules/backtest', {});
    expect(res.statusCode).toBe(200);
    const run = res.json();
    expect(run).toMatchObject({
      by: 'admin人员（u-admin）',
      finished_at: '2027-02-05T10:00:00+08:00',
      limit: 5000,
      scanned: 3,
      total_posts: 3,
      capped: false,
      unchanged: 1,
      new_leads: 1,
      lost_leads: 1,
      level_changes: { 'none→orange': 1, 'yellow→blue': 1 },
    });
    expect(run.changes.new_leads.map((c: { id: string }) => c.id)).toEqual(['forum:new']);
    expect(run.changes.lost_leads.map((c: { id: string }) => c.id)).toEqual(['forum:lost']);
    expect(run.changes.new_leads[0].title).toContain('138****5678');
    expect(res.body).not.toContain('13812345678');

    const latest = await as('hr', 'GET', '/api/rules/backtest');
    expect(latest.json()).toEqual(run);
    const audit = (await store.listAudit({ target_kind: 'rules' })).map((a) => [a.actor, a.action]);
    expect(audit).toEqual([['admin人员（u-admin）', 'rules.backtest']]);

    const capped = (await as('admin', 'POST', '/api/rules/backtest?limit=1', undefined)).json();
    expect(capped).toMatchObject({ limit: 1, scanned: 1, total_posts: 3, capped: true });
    expect((await as('monitor', 'GET', '/api/rules/backtest')).json().scanned).toBe(1);
  });

  it('runs one backtest at a time: a second click while the first is going is told so', async () => {
    const deps = buildSystemDeps(config, { health: null });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = () => {};
    const reading = new Promise<void>((resolve) => {
      started = resolve;
    });
    await serve({
      ...deps,
      loadRules: async () => {
        started();
        await held;
        return deps.loadRules();
      },
    });
    const first = as('admin', 'POST', '/api/rules/backtest', {});
    await reading;
    const second = await as('admin', 'POST', '/api/rules/backtest', {});
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'backtest_running',
      message: expect.stringContaining('回测'),
    });
    release();
    expect((await first).statusCode).toBe(200);
    expect((await as('admin', 'POST', '/api/rules/backtest', {})).statusCode).toBe(200);
  });

  it('resolves the roster over holidays for today and the next 7 days, phones masked', async () => {
    await serve(buildSystemDeps(config, { health: null }));
    const res = await as('monitor', 'GET', '/api/oncall');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('13812345678');
    const body = res.json();
    expect(body.on_duty).toMatchObject({
      shift: '白班',
      from: '2027-02-05T08:30:00+08:00',
      to: '2027-02-05T17:30:00+08:00',
      primary: { id: 'duty-a', name: '值班员甲', phones: ['138****5678'] },
      secondary: { id: 'duty-b', phones: [] },
      leader: { id: 'leader' },
    });
    expect(body.spans.map((s: { shift: string; from: string }) => [s.shift, s.from.slice(5, 16)])).toEqual([
      ['夜班', '02-05T00:00'],
      ['白班', '02-05T08:30'],
      ['夜班', '02-05T17:30'],
      ['节假日', '02-06T08:30'],
      ['节假日', '02-07T08:30'],
      ['节假日', '02-08T08:30'],
      ['节假日', '02-09T08:30'],
      ['节假日', '02-10T08:30'],
      ['节假日', '02-11T08:30'],
      ['节假日', '02-12T08:30'],
    ]);
    expect(body.spans.at(-1).to).toBe('2027-02-13T00:00:00+08:00');
    expect(body.days.map((d: { date: string; roster: string }) => [d.date, d.roster])).toEqual([
      ['2027-02-05', 'workday'],
      ...['06', '07', '08', '09', '10', '11', '12'].map((d) => [`2027-02-${d}`, 'holiday']),
    ]);
    expect(body.days[1]).toMatchObject({
      weekday: '周六',
      calendar: { working: false, holiday: '春节' },
      mismatch: false,
    });
    expect((await as('hr', 'GET', '/api/oncall')).statusCode).toBe(403);
  });
});
