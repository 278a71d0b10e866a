import type { Classification } from '../../domain/classification.ts';
import type { Post } from '../../domain/post.ts';
import { toShanghaiIso } from '../../domain/shanghai-time.ts';

/** Publication times are stored as epoch seconds: small, and they compare as numbers. */
export function toEpoch(iso: string): number {
  return Math.floor(new Date(iso).getTime() / 1000);
}

export function fromEpoch(seconds: number): string {
  return toShanghaiIso(new Date(seconds * 1000));
}

/**
 * How posts and classifications are written into their JSON columns, compactly enough that a
 * post stays near 2 KB on disk: fields the row already has as columns (id, source, published_at)
 * and empty values (null, [], no PII, no metrics) are left out, keys are shortened, and rule hits
 * become `[rule, score, terms]` triples. Reading puts everything back. Changing a short key
 * breaks existing files: add keys, never rename them.
 */
const POST_KEYS = {
  url: 'u',
  author: 'a',
  fetched_at: 'f',
  title: 't',
  text: 'x',
  metrics: 'm',
  place_hints: 'p',
} as const;
const CLASSIFICATION_KEYS = {
  lead: 'l',
  resolved: 'r',
  categories: 'c',
  industry: 'i',
  risks: 'k',
  amount_yuan: 'a',
  amount_range: 'ar',
  workers: 'w',
  workers_range: 'wr',
  months_owed: 'mo',
  place: 'p',
  town: 't',
  orgs: 'o',
  pii: 'pi',
  departments: 'd',
  crime_threshold: 'ct',
  level: 'v',
  score: 's',
  hits: 'h',
} as const;

const EMPTY_POST = {
  author: null,
  title: null,
  metrics: { reposts: null, comments: null, likes: null },
  place_hints: [],
};
const EMPTY_CLASSIFICATION = {
  categories: [],
  risks: [],
  amount_yuan: null,
  amount_range: null,
  workers: null,
  workers_range: null,
  months_owed: null,
  place: null,
  town: null,
  orgs: [],
  pii: { phones: [], id_numbers: [] },
  departments: [],
  hits: [],
};

type HitTriple = [string, number, string[]];

export function encodePost(post: Post): string {
  const noMetrics =
    post.metrics.reposts === null && post.metrics.comments === null && post.metrics.likes === null;
  const compact = shorten(post, POST_KEYS, (key) => key === 'metrics' && noMetrics);
  compact.f = toEpoch(post.fetched_at);
  return JSON.stringify(compact);
}

export function decodePost(
  json: string,
  columns: { id: string; source: string; published_at: string },
): Post {
  const stored = lengthen(JSON.parse(json), POST_KEYS);
  if (typeof stored.fetched_at === 'number') stored.fetched_at = fromEpoch(stored.fetched_at);
  return { ...EMPTY_POST, ...stored, ...columns } as unknown as Post;
}

export function encodeClassification(classification: Classification): string {
  const noPii = classification.pii.phones.length === 0 && classification.pii.id_numbers.length === 0;
  const compact = shorten(classification, CLASSIFICATION_KEYS, (key) => key === 'pii' && noPii);
  if (classification.hits.length > 0)
    compact.h = classification.hits.map((h): HitTriple => [h.rule, h.score, h.terms]);
  return JSON.stringify(compact);
}

export function decodeClassification(json: string): Classification {
  const stored = lengthen(JSON.parse(json), CLASSIFICATION_KEYS);
  const hits = Array.isArray(stored.hits)
    ? stored.hits.map((h) => (Array.isArray(h) ? { rule: h[0], terms: h[2], score: h[1] } : h))
    : [];
  return { ...EMPTY_CLASSIFICATION, ...stored, hits } as unknown as Classification;
}

/** Keeps only mapped keys with a value, under their short names. */
function shorten(
  value: object,
  keys: Readonly<Record<string, string>>,
  skip: (key: string) => boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const short = keys[key];
    if (!short || field === null || (Array.isArray(field) && field.length === 0) || skip(key)) continue;
    out[short] = field;
  }
  return out;
}

/** Reads short names back; long names (files written before the codec) pass through. */
function lengthen(
  stored: Record<string, unknown>,
  keys: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const long = new Map(Object.entries(keys).map(([name, short]) => [short, name]));
  for (const [key, value] of Object.entries(stored)) out[long.get(key) ?? key] = value;
  return out;
}
