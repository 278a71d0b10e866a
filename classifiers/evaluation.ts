import { z } from 'zod';
import { type Classification, industrySchema, RISKS, riskSchema } from '../src/domain/classification.ts';

/** One labelled line of an evaluation file; other keys (genre, note) are allowed and ignored. */
export const labelledTextSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string().nullable().optional(),
  text: z.string().min(1),
  label_lead: z.boolean(),
  label_resolved: z.boolean().optional(),
  industry: industrySchema.optional(),
  risk: z.array(riskSchema).optional(),
  amount_yuan: z.number().nullable().optional(),
  workers: z.number().nullable().optional(),
});
export type LabelledText = z.infer<typeof labelledTextSchema>;

export interface BinaryScore {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface Accuracy {
  correct: number;
  total: number;
  accuracy: number;
}

export interface EvaluationReport {
  texts: number;
  lead: BinaryScore;
  resolved: Accuracy;
  industry: Accuracy;
  risks: Record<(typeof RISKS)[number], BinaryScore>;
  amount_within_5pct: Accuracy;
  workers_within_5pct: Accuracy;
  misclassified: {
    lead: string[];
    resolved: string[];
    industry: string[];
    risk: string[];
    amount: string[];
    workers: string[];
  };
}

/** Scores classifications against labels: P/R/F1 for lead and each risk, accuracy for the rest. */
export function evaluate(
  items: readonly { label: LabelledText; result: Classification }[],
): EvaluationReport {
  const misclassified: EvaluationReport['misclassified'] = {
    lead: [],
    resolved: [],
    industry: [],
    risk: [],
    amount: [],
    workers: [],
  };
  const lead = binary(
    items.map(({ label, result }) => [label.label_lead, result.lead, label.id]),
    misclassified.lead,
  );
  const accuracyOf = (pairs: [boolean, string][], wrong: string[]): Accuracy => {
    for (const [ok, id] of pairs) if (!ok) wrong.push(id);
    const correct = pairs.filter(([ok]) => ok).length;
    return { correct, total: pairs.length, accuracy: ratio(correct, pairs.length) };
  };
  const labelled = <K extends keyof LabelledText>(key: K) =>
    items.filter(({ label }) => label[key] !== undefined);
  const risks = Object.fromEntries(
    RISKS.map((risk) => [
      risk,
      binary(
        labelled('risk').map(({ label, result }) => [
          (label.risk ?? []).includes(risk),
          result.risks.includes(risk),
          label.id,
        ]),
        misclassified.risk,
      ),
    ]),
  ) as EvaluationReport['risks'];
  return {
    texts: items.length,
    lead,
    resolved: accuracyOf(
      labelled('label_resolved').map(({ label, result }) => [
        label.label_resolved === result.resolved,
        label.id,
      ]),
      misclassified.resolved,
    ),
    industry: accuracyOf(
      labelled('industry').map(({ label, result }) => [label.industry === result.industry, label.id]),
      misclassified.industry,
    ),
    risks,
    amount_within_5pct: accuracyOf(
      stated(items, 'amount_yuan', (r) => r.amount_yuan),
      misclassified.amount,
    ),
    workers_within_5pct: accuracyOf(
      stated(items, 'workers', (r) => r.workers),
      misclassified.workers,
    ),
    misclassified: { ...misclassified, risk: [...new Set(misclassified.risk)] },
  };
}

/** Only texts that state the figure count; a figure is right within 5 % of the label. */
function stated(
  items: readonly { label: LabelledText; result: Classification }[],
  key: 'amount_yuan' | 'workers',
  read: (result: Classification) => number | null,
): [boolean, string][] {
  return items
    .filter(({ label }) => typeof label[key] === 'number')
    .map(({ label, result }) => {
      const expected = label[key] as number;
      const got = read(result);
      return [got !== null && Math.abs(got - expected) <= expected * 0.05, label.id];
    });
}

function binary(pairs: [boolean, boolean, string][], wrong: string[]): BinaryScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [expected, got, id] of pairs) {
    if (expected && got) tp++;
    if (!expected && got) fp++;
    if (expected && !got) fn++;
    if (expected !== got) wrong.push(id);
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), tp, fp, fn };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : Math.round((a / b) * 1000) / 1000;
}
