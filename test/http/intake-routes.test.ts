import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../classifiers/classify.ts';
import { buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildLeadServices } from '../../src/app/build-leads.ts';
import { createApiToken, revokeApiToken } from '../../src/auth/api-tokens.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import type { Lead } from '../../src/leads/lead-record.ts';
import { loadLeads } from '../../src/leads/lead-store.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const NOW = new Date('2026-11-25T10:00:00+08:00');
const SIGNING_KEY = 'national-platform-key';

const good = (id: string, extra: object = {}) => ({
  external_id: id,
  received_at: '2026-11-24T16:20:00+08:00',
  complainant: { name: '李红', phone: '139-0000-1111' },
  company: '青禾恒泰建筑劳务有限公司',
  project: '白沙镇中心小学改扩建项目',
  amount_yuan: 86_000,
  workers: 9,
  region: '青禾县白沙镇',
  description: '9名木工反映青禾恒泰建筑劳务有限公司拖欠2026年8月至10月工资共8.6万元。',
  ...extra,
});

describe('POST /api/intake/leads', () => {
  let config: AppConfig;
  let classify: Classifier;
  let store: Store;
  let app: FastifyInstance;
  let hotline: string;
  let national: string;
  beforeAll(async () => {
    config = await loadProjectConfig({
      WAGEWATCH_INTAKE_NATIONAL_KEY: SIGNING_KEY,
      WAGEWATCH_MATCH_KEY: 'k',
    });
    classify = buildClassifier(config, buildSegmenter(config));
  });
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'i.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    const leads = buildLeadServices(config, store, classify, createSilentLogger(), () => NOW);
    const sources = new Map([
      ['hotline-12345', { name: '12345', hmacSecret: null, signatureRequired: false }],
      ['national-platform', { name: '全国平台', hmacSecret: SIGNING_KEY, signatureRequired: true }],
    ]);
    app = await buildHttpServer({
      store,
      linkKey: null,
      intake: { intake: leads.intake, sources },
      now: () => NOW,
    });
    hotline = (
      await createApiToken(store, {
        name: '12345热线',
        scopes: ['intake'],
        source: 'hotline-12345',
        createdBy: '管理员',
      })
    ).token;
    national = (
      await createApiToken(store, {
        name: '全国平台',
        scopes: ['intake'],
        source: 'national-platform',
        createdBy: '管理员',
      })
    ).token;
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const push = (token: string | null, body: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/intake/leads',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('takes the good items of a batch, rejects each bad one with its index and reason, and a repeat changes nothing', async () => {
    const batch = {
      items: [
        good('12345-001'),
        good('12345-002', { description: '' }),
        good('12345-003', { complainant: { phone: '1234' } }),
        good('12345-004', { complainant: { id_number: '110101199003071235' } }),
        good('12345-005', {
          company: '青禾远航物流有限公司',
          complainant: { name: '赵强' },
          project: undefined,
          region: '石桥镇',
          description: '司机反映青禾远航物流有限公司拖欠运费和工资。',
        }),
      ],
    };
    const first = await push(hotline, batch);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.accepted.map((a: { index: number; status: string }) => [a.index, a.status])).toEqual([
      [0, 'imported'],
      [4, 'imported'],
    ]);
    expect(
      body.rejected.map((r: { index: number; external_id: string; reason: string }) => [
        r.index,
        r.external_id,
        r.reason.split('：')[0],
      ]),
    ).toEqual([
      [1, '12345-002', 'description'],
      [2, '12345-003', 'complainant.phone'],
      [3, '12345-004', 'complainant.id_number'],
    ]);
    const leads = await loadLeads(store);
    expect(leads).toHaveLength(2);
    const school = leads.find((l) => l.facts.projects.includes('白沙镇中心小学改扩建项目')) as Lead;
    expect(school.work).toMatchObject({ state: 'assigned', owner_town: '白沙镇' });
    expect(school.reports[0]?.item.complainant.phone).toBe('13900001111');

    const again = (await push(hotline, batch)).json();
    expect(again.accepted.map((a: { status: string }) => a.status)).toEqual(['unchanged', 'unchanged']);
    expect(await loadLeads(store)).toHaveLength(2);
  });

  it('refuses a push without a valid token, with a revoked one, and answers 422 when nothing in a batch is good', async () => {
    expect((await push(null, { items: [good('x')] })).statusCode).toBe(401);
    expect((await push('ww_not-a-token', { items: [good('x')] })).json()).toMatchObject({
      code: 'unauthorized',
    });
    const { id } = await createApiToken(store, {
      name: '临时',
      scopes: ['intake'],
      source: 'hotline-12345',
      createdBy: '管理员',
    }).then(async (made) => {
      expect((await push(made.token, { items: [good('y')] })).statusCode).toBe(200);
      await revokeApiToken(store, made.id.slice(0, 12), '管理员');
      expect((await push(made.token, { items: [good('z')] })).statusCode).toBe(401);
      return made;
    });
    expect(id).toHaveLength(64);
    expect((await push(hotline, { items: [{ external_id: 'bad' }] })).statusCode).toBe(422);
    expect((await push(hotline, '{"items": [')).json()).toMatchObject({ code: 'invalid_json' });
    expect((await push(hotline, { leads: [] })).json()).toMatchObject({ code: 'invalid_batch' });
    // Only the hash of a token is kept.
    expect(JSON.stringify(await store.listRecords('api-token'))).not.toContain(hotline);
  });

  it('needs a valid, fresh HMAC signature from a source configured to sign', async () => {
    const body = JSON.stringify({ items: [good('GJ-2026-1')] });
    const ts = String(Math.floor(NOW.getTime() / 1000));
    const sign = (t: string, b: string) =>
      `sha256=${createHmac('sha256', SIGNING_KEY).update(`${t}.${b}`).digest('hex')}`;
    expect((await push(national, body)).json()).toMatchObject({ code: 'bad_signature' });
    expect(
      (
        await push(national, body, {
          'x-wagewatch-timestamp': ts,
          'x-wagewatch-signature': sign(ts, `${body} `),
        })
      ).statusCode,
    ).toBe(401);
    const stale = String(Number(ts) - 3600);
    expect(
      (
        await push(national, body, {
          'x-wagewatch-timestamp': stale,
          'x-wagewatch-signature': sign(stale, body),
        })
      ).statusCode,
    ).toBe(401);
    const ok = await push(national, body, {
      'x-wagewatch-timestamp': ts,
      'x-wagewatch-signature': sign(ts, body),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().accepted[0]).toMatchObject({ status: 'imported' });
  });
});
