import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../classifiers/classify.ts';
import { buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildLeadServices } from '../../src/app/build-leads.ts';
import { changePassword, createAccount, setDisabled } from '../../src/auth/accounts.ts';
import { LOGIN_ATTEMPTS_PER_MINUTE } from '../../src/http/auth-routes.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { intakeItemSchema } from '../../src/leads/intake-item.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PASSWORD = 'Gongzi-Qingling-2027';

describe('the console API: sessions, roles, masking and audit', () => {
  let config: AppConfig;
  let classify: Classifier;
  let store: Store;
  let app: FastifyInstance;
  let clock: Date;
  let adminTotp: string;
  let hekouLead: string;
  let shiqiaoLead: string;
  beforeAll(async () => {
    config = await loadProjectConfig({ WAGEWATCH_MATCH_KEY: 'k' });
    classify = buildClassifier(config, buildSegmenter(config));
  });
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'c.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    clock = new Date('2026-11-26T10:00:00+08:00');
    const add = (
      username: string,
      display_name: string,
      role: 'admin' | 'hr' | 'unit' | 'monitor',
      unit?: string,
    ) =>
      createAccount(
        store,
        {
          username,
          display_name,
          role,
          ...(unit ? { unit } : {}),
          password: PASSWORD,
          createdBy: 'first-run',
        },
        clock,
      );
    adminTotp = (await add('admin', '系统管理员', 'admin')).totpUri as string;
    await add('liu.hr', '刘科长', 'hr');
    await add('hekou', '河口镇张干事', 'unit', '河口镇');
    await add('shiqiao', '石桥镇王干事', 'unit', '石桥镇');
    await add('duty', '值班员', 'monitor');
    const leads = buildLeadServices(config, store, classify, createSilentLogger(), () => clock);
    const take = async (id: string, region: string, phone: string) =>
      (
        await leads.intake.intake(
          'hotline-12345',
          {
            item: intakeItemSchema.parse({
              external_id: id,
              complainant: { name: '王建国', phone },
              company: `${region}某建筑公司`,
              region,
              description: `王建国反映${region}某建筑公司拖欠20名工人工资，电话${phone}。`,
            }),
          },
          '热线',
        )
      ).lead_id;
    hekouLead = await take('R-1', '河口镇', '13812345678');
    shiqiaoLead = await take('R-2', '石桥镇', '13987654321');
    app = await buildHttpServer({
      store,
      linkKey: null,
      leads: leads.operations,
      sessions: { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000, secureCookies: false },
      now: () => clock,
    });
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  async function login(username: string, totp?: string) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username, password: PASSWORD, ...(totp ? { totp } : {}) },
    });
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
    return {
      res,
      cookie: cookies as Record<string, string>,
      csrf: res.statusCode === 200 ? (res.json().csrf as string) : '',
    };
  }
  const as = (session: { cookie: Record<string, string>; csrf?: string }, csrf = true) => ({
    cookies: session.cookie,
    headers: csrf && session.csrf ? { 'x-csrf-token': session.csrf } : {},
  });
  const json = (res: LightMyRequestResponse) => res.json();

  it('answers health and the OpenAPI description without login, and 401 for everything else', async () => {
    expect(json(await app.inject({ method: 'GET', url: '/api/health' }))).toEqual({ ok: true });
    const spec = json(await app.inject({ method: 'GET', url: '/api/openapi.json' }));
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/login', '/api/leads', '/api/leads/{id}', '/api/leads/{id}/unmask']),
    );
    const anon = await app.inject({ method: 'GET', url: '/api/leads' });
    expect(anon.statusCode).toBe(401);
    expect(json(anon)).toEqual({ code: 'unauthorized', message: '请先登录' });
  });

  it('signs in with an HttpOnly SameSite=Strict cookie, a new id each time, and logout ends it', async () => {
    const first = await login('liu.hr');
    expect(first.res.statusCode).toBe(200);
    const cookie = first.res.cookies.find((c) => c.name === 'ww_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const second = await login('liu.hr');
    expect(second.cookie.ww_session).not.toBe(first.cookie.ww_session);
    expect((await app.inject({ method: 'GET', url: '/api/me', ...as(first) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/logout', ...as(first, false) })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ method: 'POST', url: '/api/logout', ...as(first) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', ...as(first) })).statusCode).toBe(401);
    expect((await login('liu.hr', undefined)).res.statusCode).toBe(200);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'liu.hr', password: 'nope' },
    });
    expect(json(wrong)).toMatchObject({ code: 'bad_password', message: '用户名或密码错误' });
  });

  it('ends the sessions of an account that is disabled or whose password changes', async () => {
    const hr = await login('liu.hr');
    const unit = await login('hekou');
    clock = new Date(clock.getTime() + 1000);
    await setDisabled(store, 'liu.hr', true, '管理员', clock);
    await changePassword(store, 'hekou', 'Another-Strong-Pass-9', '管理员', clock);
    expect((await app.inject({ method: 'GET', url: '/api/me', ...as(hr) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/me', ...as(unit) })).statusCode).toBe(401);
  });

  it('throttles sign-in attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE + 1; i++)
      statuses.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/login',
            payload: { username: `nobody${i}`, password: 'x' },
          })
        ).statusCode,
      );
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    const last = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'liu.hr', password: PASSWORD },
    });
    expect(last.statusCode).toBe(429);
    expect(last.json()).toMatchObject({
      code: 'too_many_requests',
      message: expect.stringContaining('登录尝试过于频繁'),
    });
  });

  it('signs out after 30 idle minutes', async () => {
    const hr = await login('liu.hr');
    clock = new Date(clock.getTime() + 29 * 60_000);
    expect((await app.inject({ method: 'GET', url: '/api/leads', ...as(hr) })).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 31 * 60_000);
    expect((await app.inject({ method: 'GET', url: '/api/leads', ...as(hr) })).statusCode).toBe(401);
  });

  it('needs the second factor for the admin', async () => {
    expect(json((await login('admin')).res)).toMatchObject({ code: 'totp_required' });
    const totp = OTPAuth.URI.parse(adminTotp) as OTPAuth.TOTP;
    const ok = await login('admin', totp.generate({ timestamp: clock.getTime() }));
    expect(ok.res.statusCode).toBe(200);
    expect(json(ok.res).user).toEqual({
      username: 'admin',
      display_name: '系统管理员',
      role: 'admin',
      unit: null,
    });
  });

  it('shows a unit only its own leads (another unit’s is 403), masked; unmasking needs a reason and is audited', async () => {
    const hekou = await login('hekou');
    const list = json(await app.inject({ method: 'GET', url: '/api/leads', ...as(hekou) }));
    expect(list.items.map((l: { id: string }) => l.id)).toEqual([hekouLead]);
    expect(list.items[0].complainants[0]).toEqual({ name: '王**', phone: '138****5678', id_number: null });
    expect(JSON.stringify(list)).not.toContain('13812345678');
    expect(
      (await app.inject({ method: 'GET', url: `/api/leads/${shiqiaoLead}`, ...as(hekou) })).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/leads/${hekouLead}/unmask`,
          payload: { reason: '回访' },
          ...as(hekou, false),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      json(
        await app.inject({
          method: 'POST',
          url: `/api/leads/${hekouLead}/unmask`,
          payload: {},
          ...as(hekou),
        }),
      ),
    ).toMatchObject({ code: 'reason_required' });
    const open = json(
      await app.inject({
        method: 'POST',
        url: `/api/leads/${hekouLead}/unmask`,
        payload: { reason: '电话回访' },
        ...as(hekou),
      }),
    );
    expect(open.complainants[0].phone).toBe('13812345678');
    expect(await store.listAudit({ target_id: hekouLead })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: '河口镇张干事（hekou）', reason: '电话回访', target_id: hekouLead }),
      ]),
    );
    const duty = await login('duty');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/leads/${hekouLead}/unmask`,
          payload: { reason: '看看' },
          ...as(duty),
        })
      ).statusCode,
    ).toBe(403);
    const hr = await login('liu.hr');
    expect(json(await app.inject({ method: 'GET', url: '/api/leads', ...as(hr) })).total).toBe(2);
  });

  it('works a lead through the state machine as the signed-in person, refusing what the role may not do', async () => {
    const hekou = await login('hekou');
    const signed = await app.inject({
      method: 'POST',
      url: `/api/leads/${hekouLead}/actions`,
      payload: { action: 'sign' },
      ...as(hekou),
    });
    expect(signed.statusCode).toBe(200);
    expect(json(signed).state).toBe('verifying');
    const shiqiao = await login('shiqiao');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/leads/${hekouLead}/actions`,
          payload: { action: 'verify', note: '属实' },
          ...as(shiqiao),
        })
      ).statusCode,
    ).toBe(403);
    const closeEarly = await app.inject({
      method: 'POST',
      url: `/api/leads/${hekouLead}/actions`,
      payload: { action: 'close' },
      ...as(hekou),
    });
    expect(json(closeEarly)).toMatchObject({ code: 'forbidden' });
    const bad = await app.inject({
      method: 'POST',
      url: `/api/leads/${hekouLead}/actions`,
      payload: { action: 'verify' },
      ...as(hekou),
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).message).toContain('操作内容不完整');
    const audit = await store.listAudit({ target_id: hekouLead });
    expect(audit.map((a) => [a.actor, a.action])).toContainEqual(['河口镇张干事（hekou）', 'lead.sign']);
  });
});
