import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { TransientError } from '../../../src/errors.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { createElasticsearchStore } from '../../../src/store/elasticsearch/es-store.ts';
import { recordedSleeps } from '../../helpers/es-mock.ts';
import { type LoopbackServer, startLoopbackServer } from '../../helpers/loopback-server.ts';
import { samplePost, stored } from '../../helpers/sample-posts.ts';
import { testTokenizers } from '../../helpers/search-tokenizers.ts';

/**
 * Transport behaviour a connection mock cannot show, against a real HTTP server on 127.0.0.1
 * that plays a cluster with faults: throttling, gateway errors, a socket cut mid-answer, an
 * answer that never finishes, and a server that is not Elasticsearch.
 */

type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'reset-mid-body' }
  | { kind: 'slow-body' }
  | { kind: 'no-product-header' };

const PRODUCT = { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' };

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = PRODUCT,
) {
  response.writeHead(status, headers);
  response.end(JSON.stringify(body));
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

/** Answers bulk items as created, searches with nothing, and info as 8.15; faults come first. */
async function faultyCluster(faults: Partial<Record<'info' | 'bulk' | 'search', Fault[]>>) {
  const playFault = (fault: Fault, response: ServerResponse, ok: unknown) => {
    switch (fault.kind) {
      case 'status':
        return send(
          response,
          fault.status,
          { error: { type: 'fault', reason: `injected ${fault.status}` }, status: fault.status },
          { ...PRODUCT, ...fault.headers },
        );
      case 'reset-mid-body': {
        const body = JSON.stringify(ok);
        response.writeHead(200, { ...PRODUCT, 'content-length': String(Buffer.byteLength(body)) });
        response.write(body.slice(0, Math.floor(body.length / 2)));
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      }
      case 'slow-body':
        response.writeHead(200, PRODUCT);
        response.write('{"took":');
        return; // never finishes; the client's request timeout must fire
      case 'no-product-header':
        return send(response, 200, ok, { 'content-type': 'application/json' });
    }
  };
  return startLoopbackServer(async (request, response) => {
    const path = request.url ?? '/';
    const text = await bodyOf(request);
    const route =
      path === '/'
        ? 'info'
        : path.startsWith('/_bulk')
          ? 'bulk'
          : path.includes('_search')
            ? 'search'
            : 'other';
    let ok: unknown = { acknowledged: true };
    if (route === 'info')
      ok = {
        name: 'n',
        cluster_name: 'c',
        cluster_uuid: 'u',
        version: { number: '8.15.3' },
        tagline: 'You Know, for Search',
      };
    if (route === 'search')
      ok = { took: 1, timed_out: false, hits: { total: { value: 0, relation: 'eq' }, hits: [] } };
    if (route === 'bulk') {
      const lines = text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      const items = lines
        .filter((_, i) => i % 2 === 0)
        .map((action) => ({
          update: { _id: action.update._id, _index: action.update._index, status: 201, result: 'created' },
        }));
      ok = { took: 1, errors: false, items };
    }
    const fault = route === 'other' ? undefined : faults[route]?.shift();
    if (fault) return playFault(fault, response, ok);
    if (path.startsWith('/_index_template/') && request.method === 'GET')
      return send(response, 404, {
        error: { type: 'resource_not_found_exception', reason: 'none' },
        status: 404,
      });
    send(response, 200, ok);
  });
}

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function openAgainst(url: string, attempts = 4) {
  const sleeps = recordedSleeps();
  const tokenizers = testTokenizers();
  const store = await createElasticsearchStore({
    url,
    indexPrefix: 'ww',
    requestTimeoutMs: 300,
    limits: { maxDocs: 500, maxBytes: 5_000_000, itemRetries: 3 },
    retry: { attempts, baseDelayMs: 100, maxDelayMs: 5000, sleep: sleeps.sleep },
    refresh: false,
    tokenizeForIndex: tokenizers.forIndex,
    tokenizeForQuery: tokenizers.forQuery,
    logger: createSilentLogger(),
  });
  return { store, waits: sleeps.waits };
}

const searches = (s: LoopbackServer) => s.requests.filter((r) => r.path.includes('_search'));

describe('Elasticsearch adapter over a faulty loopback cluster', () => {
  it('waits as long as a 429 asks (Retry-After), then sends the bulk again', async () => {
    server = await faultyCluster({
      bulk: [{ kind: 'status', status: 429, headers: { 'retry-after': '2' } }],
    });
    const { store, waits } = await openAgainst(server.url);
    expect(await store.upsertPosts([stored(samplePost('1', '拖欠工资'))])).toEqual(['inserted']);
    expect(waits).toEqual([2000]);
    expect(server.requests.filter((r) => r.path.startsWith('/_bulk'))).toHaveLength(2);
  });

  it('rides out a 502/503/504 burst with capped exponential backoff', async () => {
    server = await faultyCluster({
      search: [502, 503, 504].map((status) => ({ kind: 'status' as const, status })),
    });
    const { store, waits } = await openAgainst(server.url);
    expect((await store.searchPosts({ text: '工资' })).total).toBe(0);
    expect(waits).toEqual([100, 200, 400]);
    expect(searches(server)).toHaveLength(4);
  });

  it('gives up with a transient error once the burst outlasts the attempts', async () => {
    server = await faultyCluster({
      search: Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 503 })),
    });
    const { store } = await openAgainst(server.url, 3);
    const error = await store.searchPosts({ text: '工资' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('es_unavailable');
    expect((error as Error).message).toContain('503');
    expect(searches(server)).toHaveLength(3);
  });

  it('sends a request again when the socket is cut in the middle of the answer', async () => {
    server = await faultyCluster({ search: [{ kind: 'reset-mid-body' }] });
    const { store, waits } = await openAgainst(server.url);
    expect((await store.searchPosts({ text: '工资' })).total).toBe(0);
    expect(searches(server)).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it('times out an answer that never finishes, and retries it', async () => {
    server = await faultyCluster({ search: [{ kind: 'slow-body' }] });
    const { store } = await openAgainst(server.url);
    expect((await store.searchPosts({ text: '工资' })).total).toBe(0);
    expect(searches(server)).toHaveLength(2);
  });

  it('reports a timeout as transient when every attempt is slow', async () => {
    server = await faultyCluster({
      search: Array.from({ length: 3 }, () => ({ kind: 'slow-body' as const })),
    });
    const { store } = await openAgainst(server.url, 2);
    await expect(store.searchPosts({ text: '工资' })).rejects.toBeInstanceOf(TransientError);
    expect(searches(server)).toHaveLength(2);
  });

  it('refuses at start a server that does not say it is Elasticsearch', async () => {
    server = await faultyCluster({ info: [{ kind: 'no-product-header' }] });
    await expect(openAgainst(server.url)).rejects.toMatchObject({ code: 'es_wrong_product' });
    expect(server.requests.filter((r) => r.path.startsWith('/_index_template'))).toHaveLength(0);
  });

  it('names an unreachable cluster at start instead of crash-looping', async () => {
    const closed = await faultyCluster({});
    const url = closed.url;
    await closed.close();
    await expect(openAgainst(url)).rejects.toMatchObject({
      code: 'es_unreachable',
      message: expect.stringContaining(url),
    });
  });
});
