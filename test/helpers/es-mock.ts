import { createRequire } from 'node:module';
import { Client } from '@elastic/elasticsearch';
import MockModule from '@elastic/elasticsearch-mock';
import { createSilentLogger } from '../../src/logger.ts';
import { TEMPLATE_VERSION } from '../../src/store/elasticsearch/es-mappings.ts';
import {
  createElasticsearchStore,
  type ElasticsearchStoreOptions,
} from '../../src/store/elasticsearch/es-store.ts';
import type { Store } from '../../src/store/store.ts';
import { testTokenizers } from './search-tokenizers.ts';

// CommonJS `module.exports = Mocker`, typed as if it were an ES default export.
const Mock = MockModule as unknown as typeof MockModule.default;
// The mock is CommonJS and recognises error answers by the CommonJS client's classes; the
// client under test is the ES module build, which makes its own errors from the status.
const cjsErrors = (
  createRequire(import.meta.url)('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch')
).errors;

export interface SeenRequest {
  method: string;
  path: string;
  querystring: Record<string, string>;
  body: unknown;
}

type Resolver = (request: SeenRequest) => unknown;

/** An error response the mock connection turns into that HTTP status with that body. */
export function errorResponse(statusCode: number, type: string, reason: string) {
  return new cjsErrors.ResponseError({
    body: { error: { type, reason }, status: statusCode },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as never,
  });
}

/**
 * A scripted Elasticsearch behind @elastic/elasticsearch-mock: no network, real client. Every
 * request is recorded; a cluster that answers info and templates is set up unless told not to.
 */
export function mockCluster(options: { version?: string; templatesInstalled?: boolean } = {}) {
  const mock = new Mock();
  const seen: SeenRequest[] = [];
  const on = (method: string | string[], path: string | string[], resolve: Resolver) => {
    mock.add({ method, path }, (params) => {
      const request = params as unknown as SeenRequest;
      seen.push(request);
      return resolve(request) as Record<string, unknown>;
    });
  };
  on('GET', '/', () => ({
    name: 'mock',
    cluster_name: 'mock',
    cluster_uuid: 'x',
    version: { number: options.version ?? '8.15.3' },
    tagline: 'You Know, for Search',
  }));
  on('GET', '/_index_template/:name', (request) =>
    options.templatesInstalled
      ? {
          index_templates: [
            {
              name: request.path.split('/').pop(),
              index_template: { version: TEMPLATE_VERSION, index_patterns: ['x'], composed_of: [] },
            },
          ],
        }
      : errorResponse(404, 'resource_not_found_exception', 'index template matching [x] not found'),
  );
  on('PUT', '/_index_template/:name', () => ({ acknowledged: true }));
  const client = new Client({
    node: 'http://127.0.0.1:9200',
    // The mock's connection class comes from the CommonJS build; at run time it is the same shape.
    Connection: mock.getConnection() as never,
    maxRetries: 0,
  });
  return {
    mock,
    client,
    on,
    /** The recorded requests to paths matching `path` (and method, when given). */
    requests(path: RegExp, method?: string): SeenRequest[] {
      return seen.filter((r) => path.test(r.path) && (!method || r.method === method));
    },
  };
}

export type MockCluster = ReturnType<typeof mockCluster>;

/** Waits are recorded, not slept, so retry tests run at once and can check the backoff asked for. */
export function recordedSleeps() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

export async function openMockStore(
  cluster: MockCluster,
  overrides: Partial<ElasticsearchStoreOptions> = {},
): Promise<Store> {
  const tokenizers = testTokenizers();
  return createElasticsearchStore({
    url: 'http://127.0.0.1:9200',
    indexPrefix: 'ww',
    requestTimeoutMs: 5000,
    limits: { maxDocs: 500, maxBytes: 5_000_000, itemRetries: 3 },
    retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, sleep: recordedSleeps().sleep },
    refresh: false,
    tokenizeForIndex: tokenizers.forIndex,
    tokenizeForQuery: tokenizers.forQuery,
    logger: createSilentLogger(),
    client: cluster.client,
    ...overrides,
  });
}
