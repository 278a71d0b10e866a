import type { Client } from '@elastic/elasticsearch';

/**
 * Index templates, versioned: `installTemplates` puts a template only when the cluster has an
 * older version (or none), so it is safe to run at every start. Bump TEMPLATE_VERSION with any
 * change; existing monthly indices keep their mapping, new ones take the new template.
 */
export const TEMPLATE_VERSION = 1;

export interface IndexNames {
  /** Read alias over the monthly post indices. */
  posts: string;
  /** The monthly index a post published in `yyyyMm` lives in. */
  postsFor(yyyyMm: string): string;
  records: string;
  alerts: string;
  deliveries: string;
  audit: string;
  evidence: string;
  deadLetters: string;
}

export function indexNames(prefix: string): IndexNames {
  return {
    posts: `${prefix}-posts`,
    postsFor: (yyyyMm) => `${prefix}-posts-${yyyyMm.slice(0, 4)}.${yyyyMm.slice(4, 6)}`,
    records: `${prefix}-records`,
    alerts: `${prefix}-alerts`,
    deliveries: `${prefix}-deliveries`,
    audit: `${prefix}-audit`,
    evidence: `${prefix}-evidence`,
    deadLetters: `${prefix}-deadletters`,
  };
}

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;
const stored = { type: 'object', enabled: false } as const;

/** Words are jieba's, joined by spaces: a whitespace analyzer needs no plugin on the cluster. */
const POSTS_MAPPING = {
  dynamic: 'strict',
  properties: {
    id: keyword,
    source: keyword,
    published_at: date,
    words: { type: 'text', analyzer: 'whitespace', norms: true },
    level: keyword,
    lead: { type: 'boolean' },
    resolved: { type: 'boolean' },
    industry: keyword,
    town: keyword,
    categories: keyword,
    risks: keyword,
    departments: keyword,
    content_hash: keyword,
    classification_hash: keyword,
    post: stored,
    classification: stored,
  },
} as const;

const TEMPLATES = (prefix: string) => {
  const names = indexNames(prefix);
  const simple = (name: string, properties: Record<string, unknown>) => ({
    name: `${name}-template`,
    index_patterns: [name],
    template: { settings: { number_of_shards: 1 }, mappings: { dynamic: 'strict', properties } },
  });
  return [
    {
      name: `${names.posts}-template`,
      index_patterns: [`${names.posts}-*`],
      template: {
        settings: { refresh_interval: '1s' },
        mappings: POSTS_MAPPING,
        aliases: { [names.posts]: {} },
      },
    },
    simple(names.records, { kind: keyword, id: keyword, data: stored, updated_at: date }),
    simple(names.alerts, {
      key: keyword,
      post_id: keyword,
      level: keyword,
      title: { type: 'text', index: false },
      created_at: date,
    }),
    simple(names.deliveries, {
      alert_key: keyword,
      channel: keyword,
      status: keyword,
      attempt: { type: 'integer' },
      detail: { type: 'text', index: false },
      at: date,
    }),
    simple(names.audit, {
      at: date,
      actor: keyword,
      action: keyword,
      target_kind: keyword,
      target_id: keyword,
      reason: { type: 'text', index: false },
      before: stored,
      after: stored,
    }),
    simple(names.evidence, {
      post_id: keyword,
      url: keyword,
      fetched_at: date,
      content_type: keyword,
      sha256: keyword,
      body: { type: 'binary' },
    }),
    simple(names.deadLetters, {
      post_id: keyword,
      status: { type: 'integer' },
      reason: { type: 'text', index: false },
      at: date,
      item: stored,
    }),
  ];
};

/** Puts every template whose installed version is older than ours. */
export async function installTemplates(client: Client, prefix: string): Promise<void> {
  for (const template of TEMPLATES(prefix)) {
    const installed = await client.indices
      .getIndexTemplate({ name: template.name })
      .then((response) => response.index_templates[0]?.index_template.version ?? 0)
      .catch(() => 0);
    if (installed >= TEMPLATE_VERSION) continue;
    await client.indices.putIndexTemplate({ ...template, version: TEMPLATE_VERSION, priority: 200 } as never);
  }
}
