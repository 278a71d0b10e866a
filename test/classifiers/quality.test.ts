import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, labelledTextSchema } from '../../classifiers/evaluation.ts';
import { projectClassifier } from '../helpers/classifier.ts';

/**
 * Regression floors on the labelled sets in test/fixtures/classifier. dev*.jsonl were used to
 * write the rules; holdout.jsonl never was (its texts are not read while tuning), so its floor is
 * the honest one. dev4.jsonl and dev5.jsonl were written blind, scored once as they came (lead F1
 * 0.85 and 0.93), and only then used for a few general fixes; so were dev6.jsonl and dev7.jsonl
 * (0.92 and 0.83 as they came), dev8.jsonl to dev11.jsonl (0.84, 0.81, 0.91 and 0.86), and
 * dev12.jsonl to dev14.jsonl (0.85, 0.85 and 0.90), dev15.jsonl (0.94; extreme recall 0.71, the
 * set being about extreme acts), dev16.jsonl (0.93; extreme recall 0.75, gathering recall 0.68:
 * protests and disputes that are not about wages), dev17.jsonl (0.92; criminal recall 0.74:
 * transcripts, screenshots, repost chains, headlines and replies), dev18.jsonl (0.92; extreme
 * recall 0.68: extreme acts told in new words), dev19.jsonl (0.92; extreme recall 0.83: one
 * ordinary day's mix), dev20.jsonl (0.92; extreme recall 0.77, gathering recall 0.55: a
 * winter week heavy on risk), dev21.jsonl (0.94; extreme recall 1.00: an ordinary fortnight,
 * scored after the dev20 fixes), dev22.jsonl (0.92; extreme recall 0.82, workers 0.77: news,
 * message boards, courts and social media), dev23.jsonl (0.89; extreme recall 0.75, gathering
 * recall 0.47: the weeks before Spring Festival, every act in new words) and dev24.jsonl (0.93;
 * extreme recall 1.00: an ordinary week, not yet used for any fix), dev25.jsonl (0.93; extreme
 * recall 0.77, workers 0.80: a winter fortnight heavy on risk, 35 acts in fresh words) and
 * dev26.jsonl (0.95; extreme recall 0.90: an ordinary December week from every kind of source),
 * dev27.jsonl (0.945; extreme recall 0.82, workers 0.85: a December month from every kind
 * of source, scored with the classifier at its fastest yet), and dev28.jsonl (0.905; extreme
 * recall 1.00: long texts of 200–660 characters, judgments, reports and articles; like dev24,
 * not used for any fix).
 * A rule change that drops below a floor must say why.
 */
const FLOORS = {
  dev: { lead: 0.95, extreme: 0.95, amount: 0.9, workers: 0.85 },
  dev2: { lead: 0.93, extreme: 0.95, amount: 0.93, workers: 0.8 },
  dev3: { lead: 0.93, extreme: 0.85, amount: 0.95, workers: 0.85 },
  dev4: { lead: 0.92, extreme: 0.95, amount: 0.95, workers: 0.95 },
  dev5: { lead: 0.93, extreme: 0.95, amount: 0.9, workers: 0.85 },
  dev6: { lead: 0.93, extreme: 0.95, amount: 0.93, workers: 0.9 },
  dev7: { lead: 0.91, extreme: 0.95, amount: 0.9, workers: 0.87 },
  dev8: { lead: 0.94, extreme: 0.95, amount: 0.93, workers: 0.82 },
  dev9: { lead: 0.94, extreme: 0.95, amount: 0.93, workers: 0.87 },
  dev10: { lead: 0.94, extreme: 0.95, amount: 0.9, workers: 0.83 },
  dev11: { lead: 0.91, extreme: 0.85, amount: 0.88, workers: 0.8 },
  dev12: { lead: 0.92, extreme: 0.95, amount: 0.9, workers: 0.87 },
  dev13: { lead: 0.93, extreme: 0.95, amount: 0.8, workers: 0.83 },
  dev14: { lead: 0.93, extreme: 0.95, amount: 0.93, workers: 0.85 },
  dev15: { lead: 0.95, extreme: 0.95, amount: 0.93, workers: 0.85 },
  dev16: { lead: 0.95, extreme: 0.95, amount: 0.95, workers: 0.93 },
  dev17: { lead: 0.94, extreme: 0.95, amount: 0.9, workers: 0.9 },
  dev18: { lead: 0.94, extreme: 0.88, amount: 0.9, workers: 0.8 },
  dev19: { lead: 0.95, extreme: 0.95, amount: 0.85, workers: 0.82 },
  dev20: { lead: 0.95, extreme: 0.95, amount: 0.93, workers: 0.85 },
  dev21: { lead: 0.95, extreme: 0.95, amount: 0.9, workers: 0.83 },
  dev22: { lead: 0.95, extreme: 0.9, amount: 0.95, workers: 0.88 },
  dev23: { lead: 0.95, extreme: 0.95, amount: 0.95, workers: 0.9 },
  dev24: { lead: 0.9, extreme: 0.95, amount: 0.85, workers: 0.85 },
  dev25: { lead: 0.96, extreme: 0.95, amount: 0.93, workers: 0.83 },
  dev26: { lead: 0.95, extreme: 0.85, amount: 0.95, workers: 0.9 },
  dev27: { lead: 0.96, extreme: 0.95, amount: 0.9, workers: 0.88 },
  dev28: { lead: 0.9, extreme: 0.95, amount: 0.9, workers: 0.88 },
  holdout: { lead: 0.9, extreme: 0.85, amount: 0.9, workers: 0.85 },
} as const;

describe('classifier quality on labelled sets', async () => {
  const classify = await projectClassifier();
  for (const [set, floor] of Object.entries(FLOORS)) {
    it(`${set}: lead F1, extreme recall and extraction stay above their floors`, () => {
      const lines = readFileSync(new URL(`../fixtures/classifier/${set}.jsonl`, import.meta.url), 'utf8')
        .trim()
        .split('\n');
      const items = lines.map((line) => {
        const label = labelledTextSchema.parse(JSON.parse(line));
        return { label, result: classify({ title: label.title ?? null, text: label.text }) };
      });
      const report = evaluate(items);
      expect(report.lead.f1).toBeGreaterThanOrEqual(floor.lead);
      expect(report.risks.extreme.recall).toBeGreaterThanOrEqual(floor.extreme);
      expect(report.amount_within_5pct.accuracy).toBeGreaterThanOrEqual(floor.amount);
      expect(report.workers_within_5pct.accuracy).toBeGreaterThanOrEqual(floor.workers);
    });
  }
});
