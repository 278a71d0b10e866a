import { createHash } from 'node:crypto';
import { maskPii } from '../../classifiers/extract/pii.ts';
import { type Classification, type Level, levelRank } from '../domain/classification.ts';
import type { Post } from '../domain/post.ts';
import type { Fingerprint } from './simhash.ts';

/** Posts per hour, by the hour a post was published (Shanghai), most recent last. */
export type HourlyCounts = [hour: string, count: number][];

/**
 * One incident: the posts and leads about it, where and when it was seen, how it spreads, and
 * its level. Kept as a versioned store record (kind `event`), so two writers never merge blindly.
 */
export interface EventRecord {
  id: string;
  status: 'open' | 'acknowledged' | 'resolved';
  title: string;
  /** A masked excerpt of the most telling post. */
  summary: string;
  url: string;
  representative_post_id: string;
  representative_level: Level;
  first_seen: string;
  last_seen: string;
  town: string | null;
  orgs: string[];
  sources: string[];
  post_ids: string[];
  post_count: number;
  fingerprints: Fingerprint[];
  max_post_level: Level;
  /** The event's level: the highest post level, raised by spread, repeat offenders, crime thresholds. */
  level: Level;
  level_reasons: string[];
  hourly: HourlyCounts;
  /** Latest reposts and comments per post (to count growth), and growth per hour. */
  post_metrics: Record<string, [reposts: number, comments: number]>;
  engagement: { reposts: number; comments: number };
  engagement_hourly: HourlyCounts;
  lead: boolean;
  risks: string[];
  departments: string[];
  amount_yuan: number | null;
  workers: number | null;
  crime_threshold_hit: boolean;
  repeat_offender: string | null;
  acknowledged: { by: string; at: string } | null;
  resolved: { by: string; at: string } | null;
}

/** What the event stage hands in: the post, what the rules said, and its fingerprint. */
export interface EventInput {
  post: Post;
  classification: Classification;
  fingerprint: Fingerprint;
}

const HOURS_KEPT = 48;

/** An event id from its first post: stable, so a retried job that creates it makes the same one. */
export function eventIdFor(postId: string, publishedAt: string): string {
  const day = publishedAt.slice(0, 10).replaceAll('-', '');
  return `ev-${day}-${createHash('sha256').update(postId).digest('hex').slice(0, 10)}`;
}

export function newEvent(
  input: EventInput,
  limits: { maxPosts: number; maxFingerprints: number },
): EventRecord {
  const { post, classification: c } = input;
  const empty: EventRecord = {
    id: eventIdFor(post.id, post.published_at),
    status: 'open',
    title: '',
    summary: '',
    url: post.url,
    representative_post_id: post.id,
    representative_level: 'none',
    first_seen: post.published_at,
    last_seen: post.published_at,
    town: c.town,
    orgs: [],
    sources: [],
    post_ids: [],
    post_count: 0,
    fingerprints: [],
    max_post_level: 'none',
    level: 'none',
    level_reasons: [],
    hourly: [],
    post_metrics: {},
    engagement: { reposts: 0, comments: 0 },
    engagement_hourly: [],
    lead: false,
    risks: [],
    departments: [],
    amount_yuan: null,
    workers: null,
    crime_threshold_hit: false,
    repeat_offender: null,
    acknowledged: null,
    resolved: null,
  };
  return addPost(empty, input, limits);
}

/**
 * The event with one more post (or a post seen again, with new metrics or a new classification).
 * Pure: the caller decides the level afterwards (event-level.ts) and stores the result.
 */
export function addPost(
  event: EventRecord,
  input: EventInput,
  limits: { maxPosts: number; maxFingerprints: number },
): EventRecord {
  const { post, classification: c } = input;
  const known = event.post_ids.includes(post.id) || post.id in event.post_metrics;
  const hour = hourOf(post.published_at);
  const reposts = post.metrics.reposts ?? 0;
  const comments = post.metrics.comments ?? 0;
  const [oldReposts, oldComments] = event.post_metrics[post.id] ?? [0, 0];
  const growth = Math.max(0, reposts - oldReposts) + Math.max(0, comments - oldComments);
  const moreTelling = levelRank(c.level) > levelRank(event.representative_level) || event.title === '';
  const next: EventRecord = {
    ...event,
    first_seen: earlier(event.first_seen, post.published_at),
    last_seen: later(event.last_seen, post.published_at),
    town: event.town ?? c.town,
    orgs: union(event.orgs, c.orgs).slice(0, 20),
    sources: union(event.sources, [post.source]),
    post_ids:
      known || event.post_ids.length >= limits.maxPosts ? event.post_ids : [...event.post_ids, post.id],
    post_count: known ? event.post_count : event.post_count + 1,
    fingerprints: event.fingerprints.includes(input.fingerprint)
      ? event.fingerprints
      : [...event.fingerprints, input.fingerprint].slice(-limits.maxFingerprints),
    max_post_level: levelRank(c.level) > levelRank(event.max_post_level) ? c.level : event.max_post_level,
    hourly: known ? event.hourly : bump(event.hourly, hour, 1),
    post_metrics: {
      ...event.post_metrics,
      [post.id]: [Math.max(reposts, oldReposts), Math.max(comments, oldComments)],
    },
    engagement: {
      reposts: event.engagement.reposts + Math.max(0, reposts - oldReposts),
      comments: event.engagement.comments + Math.max(0, comments - oldComments),
    },
    engagement_hourly:
      growth > 0 ? bump(event.engagement_hourly, hourOf(post.fetched_at), growth) : event.engagement_hourly,
    lead: event.lead || c.lead,
    risks: union(event.risks, c.risks),
    departments: union(event.departments, c.departments),
    amount_yuan: maxOf(event.amount_yuan, c.amount_yuan),
    workers: maxOf(event.workers, c.workers),
    crime_threshold_hit: event.crime_threshold_hit || c.crime_threshold.reached === true,
  };
  if (moreTelling) {
    next.title = maskPii(post.title ?? excerpt(post.text, 30));
    next.summary = maskPii(excerpt(post.text, 140));
    next.url = post.url;
    next.representative_post_id = post.id;
    next.representative_level = c.level;
  }
  // Keep the per-post metrics bounded like the post list.
  const ids = Object.keys(next.post_metrics);
  if (ids.length > limits.maxPosts) {
    next.post_metrics = Object.fromEntries(
      Object.entries(next.post_metrics).slice(ids.length - limits.maxPosts),
    );
  }
  return next;
}

/** `2026-11-26T09`: the Shanghai hour a time falls in. */
export function hourOf(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 13);
}

function bump(hourly: HourlyCounts, hour: string, by: number): HourlyCounts {
  const counts = new Map(hourly);
  counts.set(hour, (counts.get(hour) ?? 0) + by);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).slice(-HOURS_KEPT);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

function earlier(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

function excerpt(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
