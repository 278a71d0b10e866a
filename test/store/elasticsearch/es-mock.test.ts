import { describe, expect, it } from 'vitest';
import { ConflictError, PermanentError } from '../../../src/errors.ts';
import {
  errorResponse,
  type MockCluster,
  mockCluster,
  openMockStore,
  recordedSleeps,
  type SeenRequest,
} from '../../helpers/es-mock.ts';
import { sampleClassification, samplePost, stored } from '../../helpers/sample-posts.ts';

type BulkLine = Record<string, Record<string, unknown>>;

/** Answers every bulk item with `answer(item index within the request, round)`. */
function answerBulk(cluster: MockCluster, answer: (id: string, round: number) => object) {
  let round = 0;
  cluster.on('POST', '/_bulk', (request) => {
    const lines = request.body as BulkLine[];
    const items = [];
    for (let i = 0; i < lines.length; i += 2) {
      const action = lines[i] as BulkLine;
      const [op, meta] = Object.entries(action)[0] as [string, { _id?: string; _index: string }];
      items.push({
        [op]: { _index: meta._index, _id: meta._id ?? `auto-${i}`, ...answer(meta._id ?? '', round) },
      });
    }
    round++;
    return { took: 1, errors: items.some((item) => 'error' in (Object.values(item)[0] as object)), items };
  });
}

const created = { status: 201, result: 'created' };
/** The audit index takes every entry written to it. */
function acceptAuditEntries(cluster: MockCluster) {
  cluster.on('POST', '/ww-audit/_doc', () => ({
    _index: 'ww-audit',
    _id: 'a1',
    _seq_no: 0,
    _primary_term: 1,
    result: 'created',
  }));
}

const posts = (...ids: string[]) => ids.map((id) => stored(samplePost(id, `河口镇工地拖欠农民工工资${id}`)));
const bulkRequests = (cluster: MockCluster) => cluster.requests(/^\/_bulk$/).map((r) => r.body as BulkLine[]);

describe('Elasticsearch adapter against a mocked cluster', () => {
  describe('start-up', () => {
    it('installs every versioned template, with the posts alias and a whitespace analyzer', async () => {
      const cluster = mockCluster();
      await openMockStore(cluster);
      const puts = cluster.requests(/^\/_index_template\//, 'PUT');
      expect(puts.map((r) => r.path).sort()).toEqual(
        [
          'ww-alerts',
          'ww-audit',
          'ww-deadletters',
          'ww-deliveries',
          'ww-evidence',
          'ww-posts',
          'ww-records',
        ].map((name) => `/_index_template/${name}-template`),
      );
      const posts = puts.find((r) => r.path.endsWith('ww-posts-template'))?.body as {
        index_patterns: string[];
        version: number;
        template: { aliases: object; mappings: { dynamic: string; properties: Record<string, object> } };
      };
      expect(posts.index_patterns).toEqual(['ww-posts-*']);
      expect(posts.version).toBe(1);
      expect(posts.template.aliases).toEqual({ 'ww-posts': {} });
      expect(posts.template.mappings.dynamic).toBe('strict');
      expect(posts.template.mappings.properties.words).toMatchObject({
        type: 'text',
        analyzer: 'whitespace',
      });
      expect(posts.template.mappings.properties.town).toEqual({ type: 'keyword' });
      expect(posts.template.mappings.properties.published_at).toEqual({ type: 'date' });
    });

    it('leaves templates alone when the cluster already has this version', async () => {
      const cluster = mockCluster({ templatesInstalled: true });
      await openMockStore(cluster);
      expect(cluster.requests(/^\/_index_template\//, 'GET')).toHaveLength(7);
      expect(cluster.requests(/^\/_index_template\//, 'PUT')).toHaveLength(0);
    });

    it('refuses a cluster of an unsupported version, naming the version', async () => {
      const cluster = mockCluster({ version: '7.17.9' });
      await expect(openMockStore(cluster)).rejects.toMatchObject({
        code: 'es_incompatible',
        message: expect.stringContaining('7.17.9'),
      });
    });

    it('says the credentials were refused on a 401', async () => {
      const cluster = mockCluster();
      cluster.mock.clear({ method: 'GET', path: '/' });
      cluster.on('GET', '/', () =>
        errorResponse(401, 'security_exception', 'missing authentication credentials'),
      );
      await expect(openMockStore(cluster)).rejects.toMatchObject({ code: 'es_auth' });
    });
  });

  describe('bulk upsert', () => {
    it('sends one scripted upsert per post into its monthly index, and maps each item result', async () => {
      const cluster = mockCluster();
      const results = { 'forum:1': created, 'forum:2': { status: 200, result: 'updated' } } as Record<
        string,
        object
      >;
      answerBulk(cluster, (id) => results[id] ?? { status: 200, result: 'noop' });
      const store = await openMockStore(cluster);
      const items = posts('1', '2', '3');
      items[2] = stored({
        ...(items[2] as (typeof items)[0]).post,
        published_at: '2026-10-31T23:30:00+08:00',
      });
      expect(await store.upsertPosts(items)).toEqual(['inserted', 'updated', 'unchanged']);

      const [lines] = bulkRequests(cluster);
      expect(lines).toHaveLength(6);
      expect(lines?.[0]).toEqual({
        update: { _index: 'ww-posts-2026.11', _id: 'forum:1', retry_on_conflict: 3 },
      });
      // Published late on 31 October in Shanghai: the October index, whatever UTC says.
      expect(lines?.[4]).toMatchObject({ update: { _index: 'ww-posts-2026.10', _id: 'forum:3' } });
      const body = lines?.[1] as {
        script: { source: string; params: { doc: Record<string, unknown> } };
        upsert: object;
      };
      expect(body.script.source).toContain("ctx.op = 'noop'");
      expect(body.upsert).toEqual(body.script.params.doc);
      expect(body.script.params.doc).toMatchObject({
        id: 'forum:1',
        source: 'forum',
        level: 'none',
        lead: false,
        categories: [],
      });
      expect(String(body.script.params.doc.words).split(' ')).toEqual(
        expect.arrayContaining(['河口镇', '工地', '拖欠', '农民工', '工资']),
      );
    });

    it('splits the input into batches bounded by documents and by bytes', async () => {
      const cluster = mockCluster();
      answerBulk(cluster, () => created);
      const byDocs = await openMockStore(cluster, {
        limits: { maxDocs: 2, maxBytes: 5_000_000, itemRetries: 3 },
      });
      await byDocs.upsertPosts(posts('1', '2', '3', '4', '5'));
      expect(bulkRequests(cluster).map((lines) => lines.length / 2)).toEqual([2, 2, 1]);

      const small = mockCluster();
      answerBulk(small, () => created);
      const byBytes = await openMockStore(small, {
        limits: { maxDocs: 500, maxBytes: 3000, itemRetries: 3 },
      });
      await byBytes.upsertPosts(posts('1', '2', '3'));
      expect(bulkRequests(small).map((lines) => lines.length / 2)).toEqual([1, 1, 1]);
    });

    it('keeps items the cluster refuses as dead letters with status and reason; indexed + dead-lettered = input', async () => {
      const cluster = mockCluster();
      answerBulk(cluster, (id) =>
        id === 'forum:2'
          ? {
              status: 400,
              error: { type: 'document_parsing_exception', reason: '[1:20] failed to parse field [town]' },
            }
          : created,
      );
      const store = await openMockStore(cluster);
      const outcomes = await store.upsertPosts(posts('1', '2', '3'));
      expect(outcomes).toEqual(['inserted', 'rejected', 'inserted']);

      const [first, deadLetters] = bulkRequests(cluster);
      expect(first).toHaveLength(6);
      expect(deadLetters).toHaveLength(2);
      expect(deadLetters?.[0]).toEqual({ index: { _index: 'ww-deadletters' } });
      expect(deadLetters?.[1]).toMatchObject({
        post_id: 'forum:2',
        status: 400,
        reason: 'document_parsing_exception: [1:20] failed to parse field [town]',
        item: { id: 'forum:2' },
      });
      const indexed = outcomes.filter((o) => o !== 'rejected').length;
      expect(indexed + (deadLetters?.length ?? 0) / 2).toBe(3);
    });

    it('sends only the items answered 429 again, after a backoff', async () => {
      const cluster = mockCluster();
      answerBulk(cluster, (id, round) =>
        id === 'forum:2' && round === 0
          ? { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } }
          : created,
      );
      const sleeps = recordedSleeps();
      const store = await openMockStore(cluster, {
        retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, sleep: sleeps.sleep },
      });
      expect(await store.upsertPosts(posts('1', '2', '3'))).toEqual(['inserted', 'inserted', 'inserted']);
      const [first, second] = bulkRequests(cluster);
      expect(first).toHaveLength(6);
      expect(
        second?.map((line) => (line.update as { _id?: string } | undefined)?._id).filter(Boolean),
      ).toEqual(['forum:2']);
      expect(sleeps.waits).toEqual([100]);
    });

    it('fails the call (so the job is retried) when 429s outlast the retries, and dead-letters nothing', async () => {
      const cluster = mockCluster();
      answerBulk(cluster, () => ({
        status: 429,
        error: { type: 'es_rejected_execution_exception', reason: 'busy' },
      }));
      const sleeps = recordedSleeps();
      const store = await openMockStore(cluster, {
        limits: { maxDocs: 500, maxBytes: 5_000_000, itemRetries: 2 },
        retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 150, sleep: sleeps.sleep },
      });
      await expect(store.upsertPosts(posts('1'))).rejects.toMatchObject({ code: 'es_throttled' });
      expect(bulkRequests(cluster)).toHaveLength(3);
      expect(sleeps.waits).toEqual([100, 150]);
      expect(cluster.requests(/^\/_bulk$/).some((r) => JSON.stringify(r.body).includes('deadletters'))).toBe(
        false,
      );
    });

    it('fails the call when the dead-letter write is refused too, so nothing is dropped', async () => {
      const cluster = mockCluster();
      answerBulk(cluster, () => ({
        status: 400,
        error: { type: 'mapper_parsing_exception', reason: 'bad' },
      }));
      const store = await openMockStore(cluster);
      await expect(store.upsertPosts(posts('1'))).rejects.toMatchObject({ code: 'es_dead_letter' });
    });

    it('retries a whole bulk request answered 503, then succeeds', async () => {
      const cluster = mockCluster();
      let calls = 0;
      cluster.on('POST', '/_bulk', () =>
        calls++ === 0
          ? errorResponse(503, 'unavailable_shards_exception', 'primary shard is not active')
          : {
              took: 1,
              errors: false,
              items: [{ update: { _index: 'ww-posts-2026.11', _id: 'forum:1', ...created } }],
            },
      );
      const sleeps = recordedSleeps();
      const store = await openMockStore(cluster, {
        retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, sleep: sleeps.sleep },
      });
      expect(await store.upsertPosts(posts('1'))).toEqual(['inserted']);
      expect(calls).toBe(2);
      expect(sleeps.waits).toEqual([100]);
    });
  });

  describe('records and alerts', () => {
    it('writes a record with if_seq_no/if_primary_term and refuses a stale one with ConflictError', async () => {
      const cluster = mockCluster();
      cluster.on('PUT', '/ww-records/_doc/:id', (request) =>
        request.querystring.if_seq_no === '4'
          ? { _index: 'ww-records', _id: 'lead:1', _seq_no: 5, _primary_term: 1, result: 'updated' }
          : errorResponse(
              409,
              'version_conflict_engine_exception',
              '[lead:1]: version conflict, required seqNo [3]',
            ),
      );
      const store = await openMockStore(cluster);
      const written = await store.putRecord('lead', '1', { state: 'dispatched' }, '4:1');
      expect(written.version).toBe('5:1');
      const [request] = cluster.requests(/^\/ww-records\/_doc\//);
      expect(request?.querystring).toMatchObject({
        if_seq_no: '4',
        if_primary_term: '1',
        refresh: 'wait_for',
      });
      await expect(store.putRecord('lead', '1', { state: 'closed' }, '3:1')).rejects.toBeInstanceOf(
        ConflictError,
      );
    });

    it('writes the audit entry after its record, and none when the record is refused', async () => {
      const cluster = mockCluster();
      cluster.on('PUT', '/ww-records/_doc/:id', (request) =>
        request.querystring.if_seq_no === '4'
          ? { _index: 'ww-records', _id: 'lead:1', _seq_no: 5, _primary_term: 1, result: 'updated' }
          : errorResponse(409, 'version_conflict_engine_exception', 'version conflict'),
      );
      acceptAuditEntries(cluster);
      const store = await openMockStore(cluster);
      const entry = {
        at: '2026-11-26T09:00:00+08:00',
        actor: 'system',
        action: 'lead.merge',
        target_kind: 'lead',
        target_id: '1',
      };
      await store.putRecord('lead', '1', { state: 'dispatched' }, '4:1', entry);
      await expect(store.putRecord('lead', '1', { state: 'closed' }, '3:1', entry)).rejects.toBeInstanceOf(
        ConflictError,
      );
      const audits = cluster.requests(/^\/ww-audit/);
      expect(audits).toHaveLength(1);
      expect(audits[0]?.body).toMatchObject({ action: 'lead.merge', target_id: '1' });
      const order = cluster.requests(/^\/ww-(records|audit)\//).map((r) => r.path.split('/')[1]);
      expect(order).toEqual(['ww-records', 'ww-audit', 'ww-records']);
    });

    it('writes several records one after another, each checked, each followed by its entries; stops at a stale one', async () => {
      const cluster = mockCluster();
      cluster.on('PUT', ['/ww-records/_create/:id', '/ww-records/_doc/:id'], (request) => {
        if (request.path.includes('lead%3A9') || request.path.includes('lead:9'))
          return errorResponse(409, 'version_conflict_engine_exception', 'version conflict');
        return { _index: 'ww-records', _id: 'x', _seq_no: 7, _primary_term: 1, result: 'updated' };
      });
      acceptAuditEntries(cluster);
      const store = await openMockStore(cluster);
      const entry = (action: string) => ({
        at: '2026-11-26T09:00:00+08:00',
        actor: 'system',
        action,
        target_kind: 'lead',
        target_id: '1',
      });
      await expect(
        store.putRecords([
          { kind: 'lead-intake', id: 'i1', data: { lead_id: '1' }, expectedVersion: null, audit: [] },
          {
            kind: 'lead',
            id: '1',
            data: { n: 3 },
            expectedVersion: '4:1',
            audit: [entry('m2'), entry('m3')],
          },
          { kind: 'lead', id: '9', data: { n: 1 }, expectedVersion: '2:1', audit: [entry('m9')] },
          { kind: 'lead', id: '10', data: { n: 1 }, expectedVersion: null, audit: [] },
        ]),
      ).rejects.toBeInstanceOf(ConflictError);
      const seen = cluster
        .requests(/^\/ww-(records|audit)\//)
        .map((r) => [
          r.path.split('/')[1],
          r.querystring.if_seq_no ?? (r.body as { action?: string }).action ?? null,
        ]);
      expect(seen).toEqual([
        ['ww-records', null],
        ['ww-records', '4'],
        ['ww-audit', 'm2'],
        ['ww-audit', 'm3'],
        ['ww-records', '2'],
      ]);
    });

    it('creates a new record with op_type create, so two creators cannot both win', async () => {
      const cluster = mockCluster();
      let exists = false;
      const create = (request: SeenRequest) => {
        const isCreate = request.path.includes('/_create/') || request.querystring.op_type === 'create';
        if (!isCreate) return errorResponse(400, 'illegal_argument_exception', 'expected op_type create');
        if (exists) return errorResponse(409, 'version_conflict_engine_exception', 'document already exists');
        exists = true;
        return { _index: 'ww-records', _id: 'lead:2', _seq_no: 0, _primary_term: 1, result: 'created' };
      };
      cluster.on('PUT', ['/ww-records/_create/:id', '/ww-records/_doc/:id'], create);
      const store = await openMockStore(cluster);
      expect((await store.putRecord('lead', '2', { state: 'new' }, null)).version).toBe('0:1');
      await expect(store.putRecord('lead', '2', { state: 'new' }, null)).rejects.toBeInstanceOf(
        ConflictError,
      );
    });

    it('records an alert once: a 409 on create means it already exists', async () => {
      const cluster = mockCluster();
      let exists = false;
      const create = () => {
        if (exists) return errorResponse(409, 'version_conflict_engine_exception', 'document already exists');
        exists = true;
        return { _index: 'ww-alerts', _id: 'k', _seq_no: 0, _primary_term: 1, result: 'created' };
      };
      cluster.on('PUT', ['/ww-alerts/_create/:id', '/ww-alerts/_doc/:id'], create);
      const store = await openMockStore(cluster);
      const alert = {
        key: 'k',
        post_id: 'forum:1',
        level: 'red' as const,
        title: 't',
        created_at: '2026-11-26T09:00:00+08:00',
      };
      expect(await store.recordAlert(alert)).toBe(true);
      expect(await store.recordAlert(alert)).toBe(false);
    });
  });

  describe('queries and errors', () => {
    it('searches with a term per word, exact filters, newest first, paging and a total', async () => {
      const cluster = mockCluster();
      const doc = {
        ...stored(samplePost('1', '河口镇工地拖欠农民工工资')),
        classification: sampleClassification(),
      };
      cluster.on('POST', '/ww-posts/_search', () => ({
        hits: { total: { value: 41, relation: 'eq' }, hits: [{ _source: { ...doc, id: 'forum:1' } }] },
      }));
      const store = await openMockStore(cluster);
      const result = await store.searchPosts({
        text: '拖欠 工资',
        since: '2026-11-19T00:00:00+08:00',
        until: '2026-11-26T00:00:00+08:00',
        towns: ['河口镇'],
        lead: true,
        limit: 10,
        offset: 20,
      });
      expect(result.total).toBe(41);
      expect(result.hits[0]?.highlight).toContain('【拖欠】');
      const body = cluster.requests(/_search$/).at(-1)?.body as Record<string, unknown>;
      expect(body).toMatchObject({
        from: 20,
        size: 10,
        track_total_hits: true,
        sort: [{ published_at: 'desc' }, { id: 'desc' }],
        query: {
          bool: {
            must: [{ term: { words: '拖欠' } }, { term: { words: '工资' } }],
            filter: expect.arrayContaining([
              {
                range: {
                  published_at: { gte: '2026-11-19T00:00:00+08:00', lt: '2026-11-26T00:00:00+08:00' },
                },
              },
              { terms: { town: ['河口镇'] } },
              { term: { lead: true } },
            ]),
          },
        },
      });
    });

    it('aggregates by day × town on the Shanghai calendar', async () => {
      const cluster = mockCluster();
      cluster.on('POST', '/ww-posts/_search', () => ({
        hits: { total: { value: 3, relation: 'eq' }, hits: [] },
        aggregations: {
          by: {
            buckets: [
              {
                key: 1,
                key_as_string: '2026-11-25',
                doc_count: 3,
                by: {
                  buckets: [
                    { key: '河口镇', doc_count: 2 },
                    { key: '石桥镇', doc_count: 1 },
                  ],
                },
              },
            ],
          },
        },
      }));
      const store = await openMockStore(cluster);
      expect(await store.aggregatePosts({ by: ['day', 'town'] })).toEqual({
        total: 3,
        buckets: [
          {
            key: '2026-11-25',
            count: 3,
            buckets: [
              { key: '河口镇', count: 2 },
              { key: '石桥镇', count: 1 },
            ],
          },
        ],
      });
      const body = cluster.requests(/_search$/).at(-1)?.body as {
        size: number;
        aggs: { by: Record<string, unknown> };
      };
      expect(body.size).toBe(0);
      expect(body.aggs.by.date_histogram).toMatchObject({ calendar_interval: 'day', time_zone: '+08:00' });
      expect(body.aggs.by.aggs).toMatchObject({ by: { terms: { field: 'town' } } });
    });

    it('does not retry a 400 mapping error and reports it as permanent with the reason', async () => {
      const cluster = mockCluster();
      cluster.on('POST', '/ww-posts/_search', () =>
        errorResponse(
          400,
          'search_phase_execution_exception',
          'No mapping found for [published_at] in order to sort on',
        ),
      );
      const store = await openMockStore(cluster);
      const error = await store.searchPosts({ text: '工资' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as Error).message).toContain('No mapping found');
      expect(cluster.requests(/_search$/)).toHaveLength(1);
    });

    it('keeps the captures of a list page in one bulk request, and fails loudly when refused', async () => {
      const cluster = mockCluster();
      let refuse = false;
      cluster.on('POST', '/_bulk', (request) => {
        const lines = request.body as Record<string, { _id?: string }>[];
        const items = lines
          .filter((_, i) => i % 2 === 0)
          .map((line) => ({
            index: refuse
              ? {
                  _id: line.index?._id,
                  status: 400,
                  error: { type: 'mapper_parsing_exception', reason: 'bad body' },
                }
              : { _id: line.index?._id, status: 201, result: 'created' },
          }));
        return { took: 1, errors: refuse, items };
      });
      const store = await openMockStore(cluster);
      const capture = (postId: string) => ({
        post_id: postId,
        url: 'http://forum.test/list',
        fetched_at: '2026-11-26T09:00:00+08:00',
        content_type: 'text/html',
        sha256: 'ab'.repeat(32),
        body: Buffer.from('<p>列表</p>'),
      });
      await store.putEvidence([capture('forum:1'), capture('forum:2')]);
      const [lines] = cluster.requests(/^\/_bulk$/).map((r) => r.body as Record<string, unknown>[]);
      expect(lines?.[0]).toEqual({ index: { _index: 'ww-evidence', _id: `forum:1:${'ab'.repeat(32)}` } });
      expect(lines?.[1]).toMatchObject({
        post_id: 'forum:1',
        body: Buffer.from('<p>列表</p>').toString('base64'),
      });
      expect(lines).toHaveLength(4);
      refuse = true;
      await expect(store.putEvidence(capture('forum:3'))).rejects.toMatchObject({ code: 'es_evidence' });
    });

    it('deletes old posts and their captures but never touches the audit index', async () => {
      const cluster = mockCluster();
      cluster.on('POST', '/ww-posts/_search', () => ({
        hits: {
          total: { value: 1, relation: 'eq' },
          hits: [{ _source: { id: 'forum:old' }, sort: ['forum:old'] }],
        },
      }));
      cluster.on('POST', ['/ww-posts/_delete_by_query', '/ww-evidence/_delete_by_query'], () => ({
        deleted: 1,
      }));
      const store = await openMockStore(cluster);
      expect(await store.deleteOlderThan('2026-01-01T00:00:00+08:00')).toEqual({ posts: 1, evidence: 1 });
      const evidence = cluster.requests(/ww-evidence\/_delete_by_query/)[0] as SeenRequest;
      expect(JSON.stringify(evidence.body)).toContain('forum:old');
      expect(cluster.requests(/^\/ww-audit/)).toHaveLength(0);
    });
  });
});
