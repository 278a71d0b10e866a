import { createHash } from 'node:crypto';
import { PermanentError } from '../errors.ts';
import type { EventRecord } from '../events/event-record.ts';
import type { Lead } from '../leads/lead-record.ts';
import { LEAD_KIND, loadLeads } from '../leads/lead-store.ts';
import type { Store } from '../store/store.ts';
import type { CaseSubject, PoliceCase } from './police-case.ts';

/** One captured page as the manifest lists it; `file` is relative to the pack folder. */
export interface PackCapture {
  file: string;
  url: string;
  fetched_at: string;
  content_type: string | null;
  sha256: string;
  size: number;
}

/** A post as the pack shows it, with every capture of its page. */
export interface PackPost {
  id: string;
  source: string;
  url: string;
  author: string | null;
  published_at: string;
  fetched_at: string;
  title: string | null;
  text: string;
  captures: PackCapture[];
}

/** Everything a case's evidence pack holds, read from the store; `pages` maps file name to bytes. */
export interface CaseMaterials {
  subject: Record<string, unknown>;
  events: EventRecord[];
  leads: Lead[];
  posts: PackPost[];
  /** Posts the subject names that the store no longer has (retention). */
  missing_posts: string[];
  pages: Map<string, Buffer>;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/json': 'json',
  'text/plain': 'txt',
  'text/xml': 'xml',
  'application/xml': 'xml',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/**
 * The case's subject with its related records (an event's leads, a lead's events), their posts
 * and the captured pages of those posts, unmasked.
 */
export async function gatherCaseMaterials(store: Store, policeCase: PoliceCase): Promise<CaseMaterials> {
  const { events, leads } = await relatedRecords(store, policeCase.subject);
  const postIds = new Set<string>(events.flatMap((e) => e.post_ids));
  for (const report of leads.flatMap((l) => l.reports)) if (report.post) postIds.add(report.post.id);
  const { posts, pages, missing } = await collectPosts(store, [...postIds]);
  const subject = summarize(policeCase.subject, events, leads);
  return { subject, events, leads, posts, missing_posts: missing, pages };
}

/** The posts and their captures; each page once, named by its SHA-256, whatever posts it is the capture of. */
async function collectPosts(store: Store, postIds: readonly string[]) {
  const pages = new Map<string, Buffer>();
  const fileBySha = new Map<string, string>();
  const posts: PackPost[] = [];
  const missing: string[] = [];
  for (const postId of postIds) {
    const stored = await store.getPost(postId);
    if (!stored) {
      missing.push(postId);
      continue;
    }
    const captures: PackCapture[] = [];
    for (const evidence of await store.listEvidence(postId)) {
      if (sha256(evidence.body) !== evidence.sha256)
        throw new PermanentError(`抓取页面与其记录的 SHA-256 不符：${postId} ${evidence.url}`, {
          code: 'evidence_corrupt',
        });
      const file =
        fileBySha.get(evidence.sha256) ?? `pages/${evidence.sha256}.${extensionOf(evidence.content_type)}`;
      fileBySha.set(evidence.sha256, file);
      pages.set(file, evidence.body);
      const { url, fetched_at, content_type } = evidence;
      captures.push({
        file,
        url,
        fetched_at,
        content_type,
        sha256: evidence.sha256,
        size: evidence.body.length,
      });
    }
    const { id, source, url, author, published_at, fetched_at, title, text } = stored.post;
    posts.push({ id, source, url, author, published_at, fetched_at, title, text, captures });
  }
  return { posts, pages, missing };
}

async function relatedRecords(
  store: Store,
  subject: CaseSubject,
): Promise<{ events: EventRecord[]; leads: Lead[] }> {
  const missing = () =>
    new PermanentError(`案件对象已不存在：${subject.kind} ${subject.id}`, { code: 'unknown_subject' });
  if (subject.kind === 'event') {
    const event = await store.getRecord<EventRecord>('event', subject.id);
    if (!event) throw missing();
    const leads = (await loadLeads(store)).filter((l) => l.facts.event_ids.includes(subject.id));
    return { events: [event.data], leads };
  }
  const lead = await store.getRecord<Lead>(LEAD_KIND, subject.id);
  if (!lead) throw missing();
  const events: EventRecord[] = [];
  for (const id of lead.data.facts.event_ids) {
    const event = await store.getRecord<EventRecord>('event', id);
    if (event) events.push(event.data);
  }
  return { events, leads: [lead.data] };
}

/** The subject in a few lines; its whole record is in `events` or `leads`. */
function summarize(subject: CaseSubject, events: EventRecord[], leads: Lead[]): Record<string, unknown> {
  if (subject.kind === 'event') {
    const event = events.find((e) => e.id === subject.id)!;
    return {
      kind: 'event',
      ...pick(event, ['id', 'title', 'status', 'level', 'level_reasons', 'town', 'first_seen', 'last_seen']),
      ...pick(event, ['post_count', 'url', 'amount_yuan', 'workers', 'risks', 'crime_threshold_hit']),
    };
  }
  const lead = leads.find((l) => l.id === subject.id)!;
  return {
    kind: 'lead',
    id: lead.id,
    state: lead.work.state,
    ...pick(lead.facts, ['title', 'level', 'town', 'companies', 'projects', 'amount_yuan', 'workers']),
    ...pick(lead.facts, ['risks', 'crime_threshold_reached', 'first_received_at']),
  };
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
}

function extensionOf(contentType: string | null): string {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return EXTENSIONS[mime] ?? 'bin';
}

/** Hex SHA-256 of some bytes. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
