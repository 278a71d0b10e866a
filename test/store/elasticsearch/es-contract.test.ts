import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { afterAll, describe, it } from 'vitest';
import { createSilentLogger } from '../../../src/logger.ts';
import { createElasticsearchStore } from '../../../src/store/elasticsearch/es-store.ts';
import { testTokenizers } from '../../helpers/search-tokenizers.ts';
import { storeContract } from '../store-contract.ts';

/**
 * The store contract against a real cluster. It runs only when ELASTICSEARCH_URL names one
 * (`ELASTICSEARCH_URL=http://127.0.0.1:9200 npm test`); each test gets its own index prefix,
 * and every index made here is deleted afterwards.
 */
const url = process.env.ELASTICSEARCH_URL;
const ES_SKIP_REASON = 'ELASTICSEARCH_URL is not set, so no cluster to run against';

if (!url) {
  describe('store contract: Elasticsearch', () => {
    it.skip(`skipped: ${ES_SKIP_REASON}`, () => {});
  });
} else {
  const runPrefix = `wwtest-${randomBytes(4).toString('hex')}`;
  let opened = 0;
  storeContract('Elasticsearch', async () => {
    const tokenizers = testTokenizers();
    return createElasticsearchStore({
      url,
      indexPrefix: `${runPrefix}-${opened++}`,
      auth: process.env.ELASTICSEARCH_API_KEY ? { apiKey: process.env.ELASTICSEARCH_API_KEY } : undefined,
      requestTimeoutMs: 30_000,
      limits: { maxDocs: 500, maxBytes: 5_000_000, itemRetries: 3 },
      retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 },
      // Tests read right after writing.
      refresh: true,
      tokenizeForIndex: tokenizers.forIndex,
      tokenizeForQuery: tokenizers.forQuery,
      logger: createSilentLogger(),
    });
  });
  afterAll(async () => {
    const client = new Client({ node: url });
    await client.indices.delete({
      index: `${runPrefix}-*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    const templates = await client.indices.getIndexTemplate({ name: `${runPrefix}-*` }).catch(() => null);
    for (const template of templates?.index_templates ?? [])
      await client.indices.deleteIndexTemplate({ name: template.name });
    await client.close();
  });
}
