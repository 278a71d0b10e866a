import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchedPage } from '../../crawlers/page.ts';
import { SOURCE_ADAPTERS } from '../../crawlers/registry.ts';
import { buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildLeadServices } from '../../src/app/build-leads.ts';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { postSchema } from '../../src/domain/post.ts';
import { WagewatchError } from '../../src/errors.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { readLeadSheet } from '../../src/leads/import/read-sheet.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { createStageWorker } from '../../src/queues/stage-worker.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

const tempDir = useTempDirs();
const FIXTURES = new URL('../fixtures/sources/', import.meta.url);
/** Two thousand of each kind of input: pages (HTML, XML, JSON), sheet rows, API bodies, jobs. */
const EACH = 2000;

/** The fixture families each source kind reads (the shapes FORMATS.md documents). */
const FAMILIES: Record<string, string[]> = {
  'weibo-mobile-search': ['weibo_mobile_api'],
  'weibo-web-search': ['weibo_web', 'weibo_detail'],
  heimao: ['heimao'],
  'people-liuyan': ['liuyan'],
  tieba: ['tieba'],
  rss: ['news_rss'],
  'gov-letters': ['gov_letters'],
};

/** A small seeded generator, so a failure replays with the same inputs. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]) => items[int(items.length)] as T };
}
type Rng = ReturnType<typeof seeded>;

const JUNK = [
  '\u0000',
  '\uFFFD',
  '<',
  '>',
  '"',
  "'",
  '&#x',
  ']]>',
  '{',
  '}',
  '[',
  ']',
  ',',
  '\\',
  '\n',
  '💥',
  '𠀀',
];

/** A valid body broken one of the ways real responses break. */
function mutate(body: string, rng: Rng): string {
  switch (rng.int(7)) {
    case 0:
      return body.slice(0, rng.int(body.length + 1)); // cut off mid-transfer
    case 1: {
      const chars = [...body];
      for (let i = 0; i < 1 + rng.int(40); i++) chars[rng.int(chars.length)] = rng.pick(JUNK);
      return chars.join('');
    }
    case 2:
      return `${'['.repeat(5000)}${body}`; // deep nesting
    case 3:
      return rng.pick(['', ' ', 'null', '[]', '{}', '<html></html>', '<?xml version="1.0"?>', 'undefined']);
    case 4:
      return mutateJson(body, rng);
    case 5: {
      const at = rng.int(body.length);
      return `${body.slice(0, at)}${'A'.repeat(20_000)}${body.slice(at)}`;
    }
    default:
      return body.replaceAll(/"(\w+)":/g, (match, key) => (rng.next() < 0.2 ? `"${key}x":` : match));
  }
}

/** Valid JSON with a few values swapped for the wrong type. */
function mutateJson(body: string, rng: Rng): string {
  let value: unknown;
  try {
    value = JSON.parse(body.replace(/^[^{[]*/, '').replace(/[^}\]]*$/, ''));
  } catch {
    return body.split('').reverse().join('');
  }
  const wrong = () =>
    rng.pick<unknown>([null, 0, -1, 1e308, '', 'x'.repeat(10_000), [], {}, true, '2026-13-45']);
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map((item) => (rng.next() < 0.1 ? wrong() : walk(item)));
    if (node && typeof node === 'object')
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [key, rng.next() < 0.15 ? wrong() : walk(item)]),
      );
    return node;
  };
  return JSON.stringify(walk(value));
}

/** An error that says what went wrong: one of the project's, with a message. */
function isClearRefusal(error: unknown): boolean {
  return error instanceof WagewatchError && error.message.length > 10;
}

describe('10,000 malformed inputs across the boundaries', () => {
  let config: AppConfig;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    config = await loadProjectConfig({ WAGEWATCH_MATCH_KEY: 'k' });
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  it('reads broken pages of every source kind without crashing: posts, problems or a named refusal', () => {
    const rng = seeded(1);
    const outcomes = { parsed: 0, refused: 0, posts: 0, problems: 0 };
    const sources = config.sources.filter((source) => FAMILIES[source.kind]);
    expect(new Set(sources.map((s) => s.kind)).size).toBe(Object.keys(FAMILIES).length);
    const samples = sources.flatMap((source) =>
      (FAMILIES[source.kind] ?? []).flatMap((family) =>
        readdirSync(new URL(`${family}/`, FIXTURES))
          .filter((name) => !name.endsWith('.md'))
          .map((name) => ({ source, body: readFileSync(new URL(`${family}/${name}`, FIXTURES), 'latin1') })),
      ),
    );
    for (let i = 0; i < 2 * EACH; i++) {
      const { source, body } = rng.pick(samples);
      const adapter = SOURCE_ADAPTERS.get(source.kind);
      if (!adapter) throw new Error(`no adapter for ${source.kind}`);
      const [request] = adapter.start({
        sourceId: source.id,
        options: source.options,
        now: new Date(),
        newestSeen: null,
      });
      if (!request) throw new Error(`${source.id} starts with no request`);
      const broken = mutate(Buffer.from(body, 'latin1').toString('utf8'), rng);
      const page: FetchedPage = {
        request: rng.next() < 0.5 ? request : { ...request, purpose: 'detail' },
        url: request.url,
        status: 200,
        contentType: rng.pick(['text/html', 'application/json', 'application/xml', null]),
        charset: 'utf-8',
        body: broken,
        fetchedAt: new Date(),
      };
      try {
        const parsed = adapter.parse(page, { sourceId: source.id, options: source.options });
        for (const post of parsed.posts)
          expect(postSchema.safeParse(post).success, `${source.id} #${i}`).toBe(true);
        for (const problem of parsed.problems)
          expect(problem.reason.length, `${source.id} #${i}`).toBeGreaterThan(0);
        outcomes.parsed++;
        outcomes.posts += parsed.posts.length;
        outcomes.problems += parsed.problems.length;
      } catch (error) {
        if (!isClearRefusal(error))
          throw new Error(`${source.id} input #${i} crashed the adapter: ${(error as Error).stack}`);
        outcomes.refused++;
      }
    }
    console.info(`malformed pages: ${JSON.stringify(outcomes)}`);
    expect(outcomes.parsed + outcomes.refused).toBe(2 * EACH);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it('rejects every broken row of a lead sheet by row, column and reason, and keeps the good ones', async () => {
    const rng = seeded(2);
    const file = join(await tempDir(), '台账.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('线索');
    sheet.addRow([
      '线索编号',
      '反映人',
      '联系电话',
      '身份证号',
      '被反映单位',
      '欠薪金额（元）',
      '涉及人数',
      '反映内容',
    ]);
    const bad: (string | number | Date | null)[][] = [
      ['', '', '', '', '', '', '', ''],
      ['X', '王', '1381234', '', '', '', '', '反映拖欠工资'],
      ['X', '王', '13812345678', '110101199003071235', '', '', '', '反映拖欠工资'],
      ['X', '王', '', '', '', '-5', '', '反映拖欠工资'],
      ['X', '王', '', '', '', '很多钱', '', '反映拖欠工资'],
      ['X', '王', '', '', '', '', '三十几个', '反映拖欠工资'],
      ['X', '王', '', '', '', '', '-3', '反映拖欠工资'],
      ['X', '王', '', '', '', '', '', ''],
      ['X', '王', '', '', '', 1e20, '', '反映拖欠工资'],
      ['X', '王', '', '', '', '', '', 'x'.repeat(20_001)],
    ];
    for (let i = 0; i < EACH; i++) {
      const row = [...rng.pick(bad)];
      row[0] = row[0] === '' ? '' : `BAD-${i}`;
      sheet.addRow(row);
    }
    sheet.addRow([
      'GOOD-1',
      '李红',
      '13900001111',
      '',
      '青禾恒泰劳务有限公司',
      '86000',
      '9',
      '9名木工反映拖欠工资8.6万元。',
    ]);
    await book.xlsx.writeFile(file);
    const read = await readLeadSheet(file, config.leads.import);
    expect(read.items.map((entry) => entry.item.external_id)).toEqual(['GOOD-1']);
    const badRows = new Set(read.rejected.map((r) => r.row));
    // Rows left wholly empty are skipped, not rejected; every other bad row is named.
    expect(badRows.size).toBeGreaterThan(EACH * 0.8);
    for (const rejected of read.rejected) {
      expect(rejected.row).toBeGreaterThan(1);
      expect(rejected.column.length).toBeGreaterThan(0);
      expect(rejected.reason.length).toBeGreaterThan(2);
    }
    console.info(
      `malformed sheet rows: ${read.rejected.length} problems on ${badRows.size} rows; 1 good row kept`,
    );
  });

  describe('over the intake API', () => {
    let store: Store;
    let app: FastifyInstance;
    let token: string;
    beforeAll(async () => {
      store = createEmbeddedStore({
        file: join(await tempDir(), 'i.sqlite'),
        tokenizeForIndex: (t) => [t],
        tokenizeForQuery: (t) => [t],
      });
      const classify = buildClassifier(config, buildSegmenter(config));
      const leads = buildLeadServices(config, store, classify, createSilentLogger());
      app = await buildHttpServer({
        store,
        linkKey: null,
        intake: {
          intake: leads.intake,
          sources: new Map([
            ['hotline-12345', { name: '12345', hmacSecret: null, signatureRequired: false }],
          ]),
        },
      });
      token = (
        await createApiToken(store, {
          name: '12345',
          scopes: ['intake'],
          source: 'hotline-12345',
          createdBy: 't',
        })
      ).token;
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
    });

    it('answers every malformed body with a 4xx or per-item refusals that say what is wrong, never a 5xx', async () => {
      const rng = seeded(3);
      const good = JSON.stringify({
        items: [
          {
            external_id: 'OK-1',
            complainant: { phone: '13900001111' },
            description: '反映某公司拖欠9名工人工资。',
          },
        ],
      });
      const statuses = new Map<number, number>();
      for (let i = 0; i < EACH; i++) {
        const body =
          i % 5 === 0 ? rng.pick(['', '\u0000', 'not json', '{"items":', '[1,2,3]']) : mutate(good, rng);
        const res = await app.inject({
          method: 'POST',
          url: '/api/intake/leads',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': rng.pick(['application/json', 'text/plain']),
          },
          payload: body,
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `body #${i}: ${body.slice(0, 200)} → ${res.body.slice(0, 300)}`).toBeLessThan(
          500,
        );
        const answer = res.json();
        if (Array.isArray(answer.rejected)) {
          // Read as a batch: every item it refused is named by index with a reason.
          for (const refused of answer.rejected) {
            expect(Number.isInteger(refused.index), `body #${i}`).toBe(true);
            expect(refused.reason.length, `body #${i}`).toBeGreaterThan(2);
          }
        } else {
          expect(
            res.statusCode,
            `body #${i}: ${body.slice(0, 200)} → ${res.body.slice(0, 300)}`,
          ).toBeGreaterThanOrEqual(400);
          expect(typeof answer.code, `body #${i}: ${res.body.slice(0, 300)}`).toBe('string');
          expect(answer.message.length, `body #${i}`).toBeGreaterThan(2);
        }
      }
      console.info(`malformed intake bodies by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
      expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
    });
  });

  it('fails every malformed job payload at once with its reason, leaving no job active and the worker alive', async () => {
    const rng = seeded(4);
    const prefix = uniquePrefix('poison');
    const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    const queue = new Queue('classify', { connection, prefix });
    const events = new QueueEvents('classify', { connection: connection.duplicate(), prefix });
    let handled = 0;
    const worker = createStageWorker({
      stage: 'classify',
      handler: async () => {
        handled++;
        return [];
      },
      connection,
      prefix,
      concurrency: 8,
      logger: createSilentLogger(),
    });
    const payloads = Array.from({ length: EACH }, () =>
      rng.pick<unknown>([
        null,
        {},
        { v: 2 },
        { v: 1 },
        { v: 1, post: null },
        { v: 1, post: { id: 'x' } },
        { v: 1, post: { id: 42, title: [], text: {} } },
        'just a string',
        [1, 2, 3],
        { v: 1, post: { id: 'demo:1', url: 'javascript:alert(1)', text: 'x', published_at: 'yesterday' } },
        { v: 2, items: [] },
        { v: 2, items: [null, 'x', { post: { id: 'demo:2' } }] },
        { v: 2, items: Array.from({ length: 1001 }, () => ({})) },
        { v: 2, items: [{ post: { id: 'demo:3', text: 'x' }, extra: true }] },
      ]),
    );
    try {
      await queue.addBulk(
        payloads.map((data, i) => ({ name: 'classify', data, opts: { jobId: `poison-${i}`, attempts: 5 } })),
      );
      worker.run();
      await waitFor('every poison job to fail', async () => (await queue.getFailedCount()) === EACH, 120_000);
      expect(handled).toBe(0);
      expect(await queue.getActiveCount()).toBe(0);
      expect(await queue.getCompletedCount()).toBe(0);
      const failed = await queue.getFailed(0, 50);
      for (const job of failed) {
        expect(job.failedReason).toMatch(/^(\d+ refused: )?invalid classify (payload|v1 payload|item \d+)/);
        expect(job.attemptsMade, 'no retries of a poison payload').toBe(1);
      }
      expect(worker.isRunning()).toBe(true);
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await connection.quit();
    }
  });
});
