import { parseArgs } from 'node:util';
import { buildClassifier, buildSegmenter } from '../../app/build-classifier.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { loadConfigForCli } from '../load-config-for-cli.ts';

/** `wagewatch classify --text "…" [--title "…"]`: prints what the rules say of one text as JSON. */
export const classifyCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args: [...args],
    options: { text: { type: 'string' }, title: { type: 'string' } },
  });
  if (!values.text?.trim()) {
    io.stderr.write('用法：wagewatch classify --text "待分类的文本" [--title "标题"]\n');
    return EXIT.config;
  }
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  const classify = buildClassifier(config, buildSegmenter(config));
  io.stdout.write(`${JSON.stringify(classify({ title: values.title ?? null, text: values.text }))}\n`);
  return EXIT.ok;
};
