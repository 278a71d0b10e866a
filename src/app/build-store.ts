import { join } from 'node:path';
import type { Segmenter } from '../../classifiers/segmenter.ts';
import type { Logger } from '../logger.ts';
import type { AppConfig } from '../settings/load-config.ts';
import { createElasticsearchStore } from '../store/elasticsearch/es-store.ts';
import { createEmbeddedStore } from '../store/embedded/embedded-store.ts';
import { createSearchTokenizers } from '../store/search-tokens.ts';
import type { Store } from '../store/store.ts';

/** The store the configuration names: switching adapters is configuration, not code. */
export async function buildStore(
  config: AppConfig,
  deps: { segmenter: Segmenter; logger: Logger; evidenceThread?: boolean },
): Promise<Store> {
  const tokenizers = createSearchTokenizers(deps.segmenter);
  const { store } = config.settings;
  if (store.kind === 'embedded') {
    return createEmbeddedStore({
      file: join(config.settings.data_dir, 'wagewatch.sqlite'),
      tokenizeForIndex: tokenizers.forIndex,
      tokenizeForQuery: tokenizers.forQuery,
      evidenceThread: deps.evidenceThread ?? false,
    });
  }
  const es = store.elasticsearch;
  const auth = config.elasticsearchAuth;
  return createElasticsearchStore({
    url: es.url as string,
    indexPrefix: es.index_prefix,
    auth:
      auth === null
        ? undefined
        : 'apiKey' in auth
          ? { apiKey: auth.apiKey.reveal() }
          : { username: auth.username.reveal(), password: auth.password.reveal() },
    requestTimeoutMs: es.request_timeout_s * 1000,
    limits: {
      maxDocs: es.bulk_max_docs,
      maxBytes: Math.round(es.bulk_max_mb * 1024 * 1024),
      itemRetries: es.retry_attempts,
    },
    retry: { attempts: es.retry_attempts, baseDelayMs: 200, maxDelayMs: 10_000 },
    refresh: false,
    tokenizeForIndex: tokenizers.forIndex,
    tokenizeForQuery: tokenizers.forQuery,
    logger: deps.logger,
  });
}
