import { parseArgs } from 'node:util';
import { actOnEvent } from '../../alerts/acknowledge.ts';
import { LEVEL_NAMES_ZH, levelRank } from '../../domain/classification.ts';
import { errorMessage, PermanentError } from '../../errors.ts';
import type { EventRecord } from '../../events/event-record.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = `用法：
  wagewatch events [--all] [--json]                   列出事件（默认只列未处置的）
  wagewatch events ack 事件ID --by 姓名                确认（停止提醒与升级）
  wagewatch events resolve 事件ID --by 姓名 [--reason 说明]   处置完毕
`;

const STATUS_ZH = { open: '未确认', acknowledged: '已确认', resolved: '已处置' } as const;

/** `wagewatch events …`: the incidents alerts are about; acknowledge or resolve one by hand (audited). */
export const eventsCommand: Command = async (args, io) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n${USAGE}`);
    return EXIT.config;
  }
  const { values, positionals } = parsed;
  const [action, id] = positionals;
  if (action && (!['ack', 'resolve'].includes(action) || !id || !values.by?.trim())) {
    io.stderr.write(USAGE);
    return EXIT.config;
  }
  return withConfiguredStore(io, async ({ store }) => {
    if (action) {
      try {
        const result = await actOnEvent(store, id as string, action === 'ack' ? 'acknowledge' : 'resolve', {
          who: (values.by as string).trim(),
          via: '命令行',
          ...(values.reason ? { reason: values.reason } : {}),
        });
        io.stdout.write(
          result.changed
            ? `${id}：${STATUS_ZH[result.event.status]}\n`
            : `${id} 此前已是「${STATUS_ZH[result.event.status]}」，未改动\n`,
        );
        return EXIT.ok;
      } catch (error) {
        if (!(error instanceof PermanentError)) throw error;
        io.stderr.write(`没有这个事件：${id}\n`);
        return EXIT.failure;
      }
    }
    const events = (await store.listRecords<EventRecord>('event', { limit: 1000 }))
      .map((r) => r.data)
      .filter((e) => values.all || e.status !== 'resolved')
      .sort((a, b) => levelRank(b.level) - levelRank(a.level) || (a.last_seen < b.last_seen ? 1 : -1));
    if (values.json) {
      io.stdout.write(`${JSON.stringify(events)}\n`);
      return EXIT.ok;
    }
    if (events.length === 0) io.stdout.write('没有事件\n');
    for (const e of events) {
      const level = e.level === 'none' ? '无' : LEVEL_NAMES_ZH[e.level];
      io.stdout.write(
        `${e.id}　【${level}】${STATUS_ZH[e.status]}　${e.town ?? '属地未识别'} · ${e.title}\n  帖子 ${e.post_count} 条，首次 ${e.first_seen.slice(0, 16).replace('T', ' ')}，最近 ${e.last_seen.slice(0, 16).replace('T', ' ')}\n`,
      );
    }
    return EXIT.ok;
  });
};

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      by: { type: 'string' },
      reason: { type: 'string' },
    },
    allowPositionals: true,
  });
}
