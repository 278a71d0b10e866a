import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildClassifier, buildSegmenter } from '../../app/build-classifier.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { readJsonl } from '../jsonl.ts';
import { loadConfigForCli } from '../load-config-for-cli.ts';

const inputLineSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]),
  text: z.string().min(1),
  title: z.string().nullable().optional(),
});

const USAGE =
  '用法：wagewatch classify --text "文本" [--title "标题"]\n      wagewatch classify --jsonl 输入.jsonl   （每行 {"id","text","title"?}）\n';

/**
 * `wagewatch classify --text "…"` prints one classification; `--jsonl IN` prints one JSON line
 * per input line with its `id`, and an error line (with the line number) for a bad one.
 */
export const classifyCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args: [...args],
    options: { text: { type: 'string' }, title: { type: 'string' }, jsonl: { type: 'string' } },
  });
  if (!values.text?.trim() === !values.jsonl) {
    io.stderr.write(USAGE);
    return EXIT.config;
  }
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  const classify = buildClassifier(config, buildSegmenter(config));
  if (values.text) {
    io.stdout.write(`${JSON.stringify(classify({ title: values.title ?? null, text: values.text }))}\n`);
    return EXIT.ok;
  }
  let bad = 0;
  try {
    for await (const entry of readJsonl(values.jsonl as string, inputLineSchema)) {
      if (!entry.ok) {
        bad++;
        io.stdout.write(`${JSON.stringify({ line: entry.line, error: entry.error })}\n`);
        continue;
      }
      const { id, title, text } = entry.value;
      io.stdout.write(`${JSON.stringify({ id, ...classify({ title: title ?? null, text }) })}\n`);
    }
  } catch (error) {
    io.stderr.write(`无法读取 ${values.jsonl}：${(error as Error).message}\n`);
    return EXIT.config;
  }
  if (bad > 0) io.stderr.write(`${bad} 行有误，已跳过（见输出中的 error 行）\n`);
  return EXIT.ok;
};
