import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilenceBook } from '../../src/alerts/silence-book.ts';
import { buildLeadServices } from '../../src/app/build-leads.ts';
import { buildSystemDeps } from '../../src/app/system-deps.ts';
import { createAccount } from '../../src/auth/accounts.ts';
import type { Role } from '../../src/domain/roles.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { intakeItemSchema } from '../../src/leads/intake-item.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PASSWORD = 'Gongzi-Qingling-2027';
type Who = 'nobody' | Role | 'other-unit';
const EVERYONE: Who[] = ['admin', 'monitor', 'hr', 'unit', 'police', 'other-unit'];

describe('every route × role: no unexpected 2xx', () => {
  let store: Store;
  let app: FastifyInstance;
  let leadId: string;
  let eventId: string;
  let silenceId: string;
  const sessions = new Map<Who, { cookies: Record<string, string>; csrf: string }>();
  beforeAll(async () => {
    const config = await loadProjectConfig({ WAGEWATCH_MATCH_KEY: 'k' });
    store = createEmbeddedStore({
      file: join(await tempDir(), 'm.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    const people: [Who, Role, string?][] = [
      ['admin', 'admin'],
      ['monitor', 'monitor'],
      ['hr', 'hr'],
      ['unit', 'unit', '河口镇'],
      ['police', 'police'],
      ['other-unit', 'unit', '石桥镇'],
    ];
    const totps = new Map<Who, string | null>();
    for (const [who, role, unit] of people) {
      const made = await createAccount(store, {
        username: `u-${who}`,
        display_name: who,
        role,
        ...(unit ? { unit } : {}),
        password: PASSWORD,
        createdBy: 'first-run',
      });
      totps.set(who, made.totpUri);
    }
    const classify = () => {
      throw new Error('classification is given');
    };
    const leads = buildLeadServices(config, store, classify as never, createSilentLogger());
    const classification = (await import('../helpers/sample-posts.ts')).sampleClassification({
      lead: true,
      level: 'yellow',
      town: '河口镇',
    });
    leadId = (
      await leads.intake.intake(
        'hotline-12345',
        {
          item: intakeItemSchema.parse({
            external_id: 'M-1',
            region: '河口镇',
            complainant: { phone: '13812345678' },
            description: '拖欠工资',
          }),
          classification,
        },
        'x',
      )
    ).lead_id;
    const event = { ...sampleEvent({ level: 'red' }), risks: ['mass_gathering'] };
    eventId = event.id;
    await store.putRecord('event', event.id, event, null);
    // 升级 needs an event nobody has acknowledged (the ack route below acknowledges `event`).
    await store.putRecord('event', 'ev-escalate', sampleEvent({ id: 'ev-escalate', level: 'red' }), null);
    silenceId = (await createSilenceBook(store).add({ keyword: '讨薪' }, 3_600_000, 'first-run', '权限矩阵'))
      .id;
    app = await buildHttpServer({
      store,
      linkKey: null,
      escalations: { escalateNow: async () => ({ how: 'promoted', step: 1 }) },
      leads: leads.operations,
      campaign: config.leads.campaign,
      system: buildSystemDeps(config, { health: null }),
    });
    for (const [who] of people) {
      const uri = totps.get(who);
      const totp = uri ? (OTPAuth.URI.parse(uri) as OTPAuth.TOTP).generate() : undefined;
      const res = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: `u-${who}`, password: PASSWORD, ...(totp ? { totp } : {}) },
      });
      expect(res.statusCode, `${who} logs in`).toBe(200);
      sessions.set(who, {
        cookies: Object.fromEntries(res.cookies.map((c) => [c.name, c.value])),
        csrf: res.json().csrf,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const routes: {
    name: string;
    method: 'GET' | 'POST';
    url: () => string;
    body?: object | (() => object);
    allowed: Who[];
  }[] = [
    { name: 'me', method: 'GET', url: () => '/api/me', allowed: EVERYONE },
    { name: 'leads', method: 'GET', url: () => '/api/leads', allowed: EVERYONE },
    {
      name: 'lead',
      method: 'GET',
      url: () => `/api/leads/${leadId}`,
      allowed: ['admin', 'monitor', 'hr', 'unit', 'police'],
    },
    {
      name: 'unmask',
      method: 'POST',
      url: () => `/api/leads/${leadId}/unmask`,
      body: { reason: '核查需要' },
      allowed: ['admin', 'hr', 'unit', 'police'],
    },
    // A unit may not assign; only the HR bureau and the admin route leads.
    {
      name: 'assign',
      method: 'POST',
      url: () => `/api/leads/${leadId}/actions`,
      body: { action: 'assign', town: '河口镇' },
      allowed: ['admin', 'hr'],
    },
    {
      name: 'bulk assign',
      method: 'POST',
      url: () => '/api/leads/bulk-assign',
      body: () => ({ ids: [leadId], town: '河口镇' }),
      allowed: ['admin', 'hr'],
    },
    {
      name: 'export',
      method: 'POST',
      url: () => '/api/leads/export',
      body: { reason: '周调度会' },
      allowed: ['admin', 'hr', 'unit', 'other-unit'],
    },
    {
      name: 'export request',
      method: 'POST',
      url: () => '/api/exports',
      body: { reason: '月通报' },
      allowed: ['admin', 'hr', 'unit', 'other-unit'],
    },
    {
      name: 'export requests',
      method: 'GET',
      url: () => '/api/exports',
      allowed: ['admin', 'hr', 'unit', 'other-unit'],
    },
    {
      name: 'events',
      method: 'GET',
      url: () => '/api/events',
      allowed: ['admin', 'monitor', 'hr', 'police'],
    },
    {
      name: 'ack',
      method: 'POST',
      url: () => `/api/events/${eventId}/ack`,
      body: {},
      allowed: ['admin', 'monitor'],
    },
    {
      name: 'escalate',
      method: 'POST',
      url: () => '/api/events/ev-escalate/escalate',
      body: { reason: '值班员未接听' },
      allowed: ['admin', 'monitor'],
    },
    { name: 'silences', method: 'GET', url: () => '/api/silences', allowed: ['admin', 'monitor'] },
    {
      name: 'silence',
      method: 'POST',
      url: () => '/api/silences',
      body: { keyword: '讨薪', duration_minutes: 60, reason: '专班跟进' },
      allowed: ['admin', 'monitor'],
    },
    {
      name: 'silence end',
      method: 'POST',
      url: () => `/api/silences/${silenceId}/end`,
      body: {},
      allowed: ['admin', 'monitor'],
    },
    { name: 'clearance', method: 'GET', url: () => '/api/clearance', allowed: EVERYONE },
    {
      name: 'search',
      method: 'GET',
      url: () => '/api/search?q=欠薪',
      allowed: ['admin', 'monitor', 'hr', 'police'],
    },
    { name: 'cases', method: 'GET', url: () => '/api/cases', allowed: ['admin', 'police'] },
    {
      name: 'event',
      method: 'GET',
      url: () => `/api/events/${eventId}`,
      allowed: ['admin', 'monitor', 'hr', 'police'],
    },
    {
      name: 'stats',
      method: 'GET',
      url: () => '/api/stats?by=level',
      allowed: ['admin', 'monitor', 'hr', 'police'],
    },
    { name: 'users', method: 'GET', url: () => '/api/users', allowed: ['admin'] },
    { name: 'audit', method: 'GET', url: () => '/api/audit', allowed: ['admin'] },
    { name: 'sources', method: 'GET', url: () => '/api/sources', allowed: ['admin', 'monitor'] },
    { name: 'rules', method: 'GET', url: () => '/api/rules', allowed: ['admin', 'monitor', 'hr'] },
    // The run comes first, so reading the latest result finds one.
    {
      name: 'backtest',
      method: 'POST',
      url: () => '/api/rules/backtest',
      body: { limit: 10 },
      allowed: ['admin'],
    },
    {
      name: 'backtest result',
      method: 'GET',
      url: () => '/api/rules/backtest',
      allowed: ['admin', 'monitor', 'hr'],
    },
    { name: 'oncall', method: 'GET', url: () => '/api/oncall', allowed: ['admin', 'monitor'] },
    {
      name: 'decide',
      method: 'POST',
      url: () => `/api/cases/${encodeURIComponent(`case:event:${eventId}`)}/decide`,
      body: { decision: 'keep_watching', reason: '继续关注事态发展' },
      allowed: ['admin', 'police'],
    },
  ];

  for (const route of routes)
    it(`${route.name}: 2xx only for ${route.allowed.join(', ')}`, async () => {
      const outcome: Record<string, number> = {};
      for (const who of ['nobody', ...EVERYONE] as Who[]) {
        const session = sessions.get(who);
        const res = await app.inject({
          method: route.method,
          url: route.url(),
          ...(session ? { cookies: session.cookies, headers: { 'x-csrf-token': session.csrf } } : {}),
          ...(route.body ? { payload: typeof route.body === 'function' ? route.body() : route.body } : {}),
        });
        outcome[who] = res.statusCode;
      }
      const ok = Object.entries(outcome)
        .filter(([, status]) => status < 300)
        .map(([who]) => who);
      expect(ok.sort(), JSON.stringify(outcome)).toEqual([...route.allowed].sort());
      expect(outcome.nobody).toBe(401);
    });

  it('lets only the HR bureau and the admin merge, split and approve exports', async () => {
    const request = (
      await app.inject({
        method: 'POST',
        url: '/api/exports',
        cookies: sessions.get('unit')?.cookies ?? {},
        headers: { 'x-csrf-token': sessions.get('unit')?.csrf ?? '' },
        payload: { reason: '本镇台账核对' },
      })
    ).json().id as string;
    const attempts = [
      { url: `/api/leads/${leadId}/merge`, payload: { merge: ['XS-none'], reason: '同一工地' } },
      {
        url: `/api/leads/${leadId}/split`,
        payload: { reports: [{ source: 'hotline-12345', external_id: 'M-1' }], reason: '误并' },
      },
      { url: `/api/exports/${request}/reject`, payload: {} },
    ];
    for (const who of ['monitor', 'unit', 'police', 'other-unit'] as Who[])
      for (const attempt of attempts) {
        const session = sessions.get(who) as { cookies: Record<string, string>; csrf: string };
        const res = await app.inject({
          method: 'POST',
          url: attempt.url,
          cookies: session.cookies,
          headers: { 'x-csrf-token': session.csrf },
          payload: attempt.payload,
        });
        expect(res.statusCode, `${who} ${attempt.url}`).toBe(403);
      }
  });

  it('refuses a state-changing request with a session but without its CSRF token', async () => {
    const hr = sessions.get('hr') as { cookies: Record<string, string> };
    const res = await app.inject({
      method: 'POST',
      url: `/api/leads/${leadId}/unmask`,
      cookies: hr.cookies,
      payload: { reason: '核查需要' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf' });
  });

  it('lists accounts and the audit log for the admin without secrets, and no route changes the audit log', async () => {
    const admin = sessions.get('admin') as { cookies: Record<string, string> };
    const users = await app.inject({ method: 'GET', url: '/api/users', cookies: admin.cookies });
    expect(users.json().items).toHaveLength(6);
    expect(users.body).not.toMatch(/scrypt\$|password_hash|totp_secret/);
    const audit = (
      await app.inject({ method: 'GET', url: '/api/audit?target_kind=account', cookies: admin.cookies })
    ).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('login');
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const)
      expect(
        (await app.inject({ method, url: '/api/audit', cookies: admin.cookies })).statusCode,
      ).toBeGreaterThanOrEqual(400);
  });

  it('masks personal data in every lead response without unmasking', async () => {
    for (const who of EVERYONE) {
      const session = sessions.get(who) as { cookies: Record<string, string> };
      for (const url of ['/api/leads', `/api/leads/${leadId}`]) {
        const res = await app.inject({ method: 'GET', url, cookies: session.cookies });
        expect(res.body, `${who} ${url}`).not.toContain('13812345678');
      }
    }
  });
});
