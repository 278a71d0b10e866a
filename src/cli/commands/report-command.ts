import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage } from '../../errors.ts';
import { createWorkingCalendar } from '../../leads/working-days.ts';
import { generateReport, type ReportFormat } from '../../reports/generate-report.ts';
import { reportMailerFor } from '../../reports/report-delivery.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = `用法：
  wagewatch report weekly|monthly [--from 2026-11-23 --to 2026-11-29] [--format html|xlsx|md] [--out 文件] [--send]
    不给 --from/--to 时为上一个完整的周（周一至周日）或月。
    --out 缺省时写入 数据目录/reports/；--send 按 config/reports.yaml 发送邮件。
`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `wagewatch report weekly|monthly`: the dispatch or bulletin for a period, in one format. */
export const reportCommand: Command = async (args, io) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n${USAGE}`);
    return EXIT.config;
  }
  const { values: v, positionals } = parsed;
  const kind = positionals[0];
  const format = (v.format ?? 'html') as ReportFormat;
  const problems: string[] = [];
  if (kind !== 'weekly' && kind !== 'monthly') problems.push('请指定 weekly 或 monthly');
  if (!['html', 'xlsx', 'md'].includes(format))
    problems.push(`--format 须为 html、xlsx 或 md，而不是 ${format}`);
  if ((v.from === undefined) !== (v.to === undefined)) problems.push('--from 与 --to 须同时给出');
  if (v.from && v.to && (!DAY.test(v.from) || !DAY.test(v.to) || v.from > v.to))
    problems.push('--from、--to 须为 YYYY-MM-DD 且 --from 不晚于 --to');
  if (problems.length > 0) {
    io.stderr.write(`${problems.join('\n')}\n${USAGE}`);
    return EXIT.config;
  }
  return withConfiguredStore(io, async ({ config, store }) => {
    const report = await generateReport(
      { store, config, calendar: createWorkingCalendar(config.calendar) },
      {
        kind: kind as 'weekly' | 'monthly',
        ...(v.from && v.to ? { period: { from: v.from, to: v.to } } : {}),
        formats: [format],
      },
    );
    const [file] = report.files;
    if (!file) return EXIT.failure;
    const out = v.out ? resolve(io.cwd, v.out) : join(config.settings.data_dir, 'reports', file.name);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, file.content);
    io.stdout.write(
      `${report.data.title}\n${report.data.empty ? '（本期无新增线索、无办结、无网络舆情事件）\n' : ''}已写入 ${out}\n`,
    );
    if (v.send) {
      const mail = reportMailerFor(config);
      if (!mail) {
        io.stderr.write('config/reports.yaml 未配置 delivery.smtp_channel 与 delivery.to，无法发送\n');
        return EXIT.config;
      }
      const sent = await mail(report);
      io.stdout.write(`已发送至 ${sent.accepted.join('、')}\n`);
    }
    return EXIT.ok;
  });
};

function parse(args: readonly string[]) {
  const text = { type: 'string' } as const;
  return parseArgs({
    args: [...args],
    options: { from: text, to: text, format: text, out: text, send: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
}
