import type { Classifier } from '../../classifiers/classify.ts';
import type { Level } from '../domain/classification.ts';
import type { StoredPost } from '../store/store.ts';

export interface BacktestChange {
  id: string;
  title: string;
  before: Level;
  after: Level;
  rules: string[];
}

/** What a candidate rule set would change over the stored posts, before it goes live. */
export interface BacktestReport {
  scanned: number;
  unchanged: number;
  newLeads: BacktestChange[];
  lostLeads: BacktestChange[];
  levelChanges: Record<string, number>;
  otherChanges: BacktestChange[];
}

/** Classifies every stored post again and compares with what is stored. */
export async function backtest(
  posts: AsyncIterable<StoredPost[]>,
  classify: Classifier,
): Promise<BacktestReport> {
  const report: BacktestReport = {
    scanned: 0,
    unchanged: 0,
    newLeads: [],
    lostLeads: [],
    levelChanges: {},
    otherChanges: [],
  };
  for await (const batch of posts) {
    for (const { post, classification: before } of batch) {
      report.scanned++;
      const after = classify({ title: post.title, text: post.text });
      const change: BacktestChange = {
        id: post.id,
        title: post.title ?? post.text.slice(0, 30),
        before: before.level,
        after: after.level,
        rules: after.hits.map((hit) => hit.rule),
      };
      if (before.lead !== after.lead) (after.lead ? report.newLeads : report.lostLeads).push(change);
      else if (before.level !== after.level) report.otherChanges.push(change);
      if (before.level !== after.level) {
        const key = `${before.level}→${after.level}`;
        report.levelChanges[key] = (report.levelChanges[key] ?? 0) + 1;
      }
      if (before.lead === after.lead && before.level === after.level) report.unchanged++;
    }
  }
  return report;
}
