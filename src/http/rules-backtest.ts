import type { Classifier } from '../../classifiers/classify.ts';
import { maskPii } from '../../classifiers/extract/pii.ts';
import { type BacktestChange, backtest } from '../app/backtest.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import type { Store, StoredPost } from '../store/store.ts';

/** The record kind and id of the latest backtest; the audit log keeps every run's summary. */
export const BACKTEST_KIND = 'rules-backtest';
export const BACKTEST_ID = 'latest';
/** Changed posts kept per list; the counts cover every one. */
const CHANGES_KEPT = 200;
const BATCH = 500;

/** One backtest of the rule files on disk against the stored posts, as stored and shown. */
export interface BacktestRecord {
  started_at: string;
  finished_at: string;
  by: string;
  limit: number;
  /** Posts read again; fewer than `total_posts` when `limit` cut the scan short. */
  scanned: number;
  total_posts: number;
  capped: boolean;
  unchanged: number;
  new_leads: number;
  lost_leads: number;
  /** Posts whose level changed but which stayed (or stayed not) a lead. */
  other_changes: number;
  level_changes: Record<string, number>;
  changes: { new_leads: BacktestChange[]; lost_leads: BacktestChange[]; other_changes: BacktestChange[] };
  /** Some list above holds only its first CHANGES_KEPT posts. */
  truncated: boolean;
  rules: { files: number; rules: number };
}

export interface BacktestRun {
  store: Store;
  classify: Classifier;
  rules: BacktestRecord['rules'];
  limit: number;
  by: string;
  now: () => Date;
}

/**
 * Classifies up to `limit` stored posts again with the candidate classifier, keeps the result as
 * the latest backtest (titles masked) and audits who ran it. A concurrent run's write loses with
 * a ConflictError rather than overwriting.
 */
export async function runBacktest(run: BacktestRun): Promise<BacktestRecord> {
  const started = run.now();
  const [report, total] = await Promise.all([
    backtest(firstPosts(run.store.scanPosts(BATCH), run.limit), run.classify),
    run.store.countPosts(),
  ]);
  const keep = (changes: BacktestChange[]) =>
    changes.slice(0, CHANGES_KEPT).map((change) => ({ ...change, title: maskPii(change.title) }));
  const record: BacktestRecord = {
    started_at: toShanghaiIso(started),
    finished_at: toShanghaiIso(run.now()),
    by: run.by,
    limit: run.limit,
    scanned: report.scanned,
    total_posts: total,
    capped: total > report.scanned,
    unchanged: report.unchanged,
    new_leads: report.newLeads.length,
    lost_leads: report.lostLeads.length,
    other_changes: report.otherChanges.length,
    level_changes: report.levelChanges,
    changes: {
      new_leads: keep(report.newLeads),
      lost_leads: keep(report.lostLeads),
      other_changes: keep(report.otherChanges),
    },
    truncated: [report.newLeads, report.lostLeads, report.otherChanges].some((l) => l.length > CHANGES_KEPT),
    rules: run.rules,
  };
  const previous = await run.store.getRecord<BacktestRecord>(BACKTEST_KIND, BACKTEST_ID);
  await run.store.putRecord(BACKTEST_KIND, BACKTEST_ID, record, previous?.version ?? null);
  const { changes: _lists, ...summary } = record;
  await run.store.appendAudit({
    at: record.finished_at,
    actor: run.by,
    action: 'rules.backtest',
    target_kind: 'rules',
    target_id: BACKTEST_KIND,
    after: summary,
  });
  return record;
}

/** The scan, stopped once `limit` posts have come through. */
async function* firstPosts(posts: AsyncIterable<StoredPost[]>, limit: number): AsyncIterable<StoredPost[]> {
  let left = limit;
  for await (const batch of posts) {
    yield batch.slice(0, left);
    left -= batch.length;
    if (left <= 0) return;
  }
}
