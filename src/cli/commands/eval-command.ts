import { parseArgs } from 'node:util';
import {
  type EvaluationReport,
  evaluate,
  type LabelledText,
  labelledTextSchema,
} from '../../../classifiers/evaluation.ts';
import { buildClassifier, buildSegmenter } from '../../app/build-classifier.ts';
import type { Classification } from '../../domain/classification.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { readJsonl } from '../jsonl.ts';
import { loadConfigForCli } from '../load-config-for-cli.ts';

/** `wagewatch eval IN.jsonl [--json]`: scores the classifier against labelled texts. */
export const evalCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    io.stderr.write('用法：wagewatch eval 标注文件.jsonl [--json]\n');
    return EXIT.config;
  }
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  const classify = buildClassifier(config, buildSegmenter(config));
  const items: { label: LabelledText; result: Classification }[] = [];
  try {
    for await (const entry of readJsonl(positionals[0] as string, labelledTextSchema)) {
      if (!entry.ok) {
        io.stderr.write(`${positionals[0]}:${entry.line}: ${entry.error}\n`);
        continue;
      }
      items.push({
        label: entry.value,
        result: classify({ title: entry.value.title ?? null, text: entry.value.text }),
      });
    }
  } catch (error) {
    io.stderr.write(`无法读取 ${positionals[0]}：${(error as Error).message}\n`);
    return EXIT.config;
  }
  const report = evaluate(items);
  io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : renderReport(report));
  return EXIT.ok;
};

function renderReport(report: EvaluationReport): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  const binary = (name: string, s: EvaluationReport['lead']) =>
    `${name.padEnd(16)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
  const accuracy = (name: string, a: EvaluationReport['resolved']) =>
    `${name.padEnd(16)} ${pct(a.accuracy)}  (${a.correct}/${a.total})`;
  const wrong = Object.entries(report.misclassified)
    .filter(([, ids]) => ids.length > 0)
    .map(([field, ids]) => `  ${field}: ${ids.join(' ')}`);
  return [
    `${report.texts} 条标注文本`,
    binary('lead', report.lead),
    ...Object.entries(report.risks).map(([risk, score]) => binary(`risk ${risk}`, score)),
    accuracy('resolved', report.resolved),
    accuracy('industry', report.industry),
    accuracy('amount ±5%', report.amount_within_5pct),
    accuracy('workers ±5%', report.workers_within_5pct),
    '判错的 id：',
    ...wrong,
    '',
  ].join('\n');
}
