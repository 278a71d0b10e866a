import { parseArgs } from 'node:util';
import { createSilenceBook } from '../../alerts/silence-book.ts';
import { errorMessage } from '../../errors.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { parseDuration } from '../duration.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = `用法：
  wagewatch silence add (--event 事件ID | --keyword 关键词 | --source 来源ID) --for 2h --by 姓名 --reason 原因
  wagewatch silence list
  wagewatch silence end 静默ID --by 姓名 --reason 原因
`;

/** `wagewatch silence …`: mute an event, a keyword or a source for a while; every change audited. */
export const silenceCommand: Command = async (args, io) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n${USAGE}`);
    return EXIT.config;
  }
  const { values, positionals } = parsed;
  const [action, id] = positionals;
  const matchers = [
    values.event ? { event_id: values.event } : null,
    values.keyword ? { keyword: values.keyword } : null,
    values.source ? { source: values.source } : null,
  ].filter((m) => m !== null);
  const duration = values.for ? parseDuration(values.for) : null;
  const by = values.by?.trim();
  const reason = values.reason?.trim();
  const problems: string[] = [];
  if (action === 'add') {
    if (matchers.length !== 1) problems.push('请指定且只指定一个：--event、--keyword 或 --source');
    if (!duration) problems.push('--for 须为时长，如 90m、2h、1d');
  }
  if ((action === 'add' || action === 'end') && (!by || !reason))
    problems.push('--by 和 --reason 必填：静默需要有人负责并说明原因');
  if (action === 'end' && !id) problems.push('请给出要结束的静默ID');
  if (!['add', 'list', 'end'].includes(action ?? '') || problems.length > 0) {
    io.stderr.write(`${problems.join('\n')}${problems.length ? '\n' : ''}${USAGE}`);
    return EXIT.config;
  }
  return withConfiguredStore(io, async ({ store }) => {
    const book = createSilenceBook(store);
    if (action === 'add') {
      const silence = await book.add(
        matchers[0] as never,
        duration as number,
        by as string,
        reason as string,
      );
      io.stdout.write(`已静默 ${silence.id}：至 ${silence.ends_at.replace('T', ' ').slice(0, 16)}\n`);
    } else if (action === 'end') {
      const { silence, changed } = await book.end(id as string, by as string, reason as string);
      io.stdout.write(changed ? `已结束静默 ${silence.id}\n` : `静默 ${silence.id} 此前已结束，未改动\n`);
    } else {
      const active = await book.active();
      if (active.length === 0) io.stdout.write('当前没有生效的静默\n');
      for (const s of active) {
        const what = s.event_id
          ? `事件 ${s.event_id}`
          : s.keyword
            ? `关键词「${s.keyword}」`
            : `来源 ${s.source}`;
        io.stdout.write(
          `${s.id}　${what}　至 ${s.ends_at.replace('T', ' ').slice(0, 16)}　${s.author}：${s.reason}\n`,
        );
      }
    }
    return EXIT.ok;
  });
};

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      event: { type: 'string' },
      keyword: { type: 'string' },
      source: { type: 'string' },
      for: { type: 'string' },
      by: { type: 'string' },
      reason: { type: 'string' },
    },
    allowPositionals: true,
  });
}
