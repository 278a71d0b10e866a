import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailChannelSchema } from '../../src/alerts/channels/email-channel.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { mailReport } from '../../src/reports/report-mailer.ts';
import { REPORT_RUN_KIND, type ReportRun, runScheduledReport } from '../../src/reports/report-run.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../helpers/smtp-receiver.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { CALENDAR, CASES, EVENTS, LEADS, sh } from './report-fixture.ts';

const tempDir = useTempDirs();

describe('scheduled reports: made, kept, mailed once, recorded', () => {
  let config: AppConfig;
  let store: Store;
  let smtp: SmtpReceiver;
  let outDir: string;
  let failNext = false;
  beforeAll(async () => {
    config = await loadProjectConfig();
  });
  beforeEach(async () => {
    const dir = await tempDir();
    outDir = join(dir, 'reports');
    store = createEmbeddedStore({
      file: join(dir, 'r.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    for (const lead of LEADS) await store.putRecord('lead', lead.id, lead, null);
    for (const event of EVENTS) await store.putRecord('event', event.id, event, null);
    for (const c of CASES) await store.putRecord('police-case', c.id, c, null);
    failNext = false;
    smtp = await startSmtpReceiver({
      rejectData: () => {
        if (!failNext) return null;
        failNext = false;
        return { code: 451, text: '4.3.0 Try again later' };
      },
    });
  });
  afterEach(async () => {
    await store.close();
    await smtp.close();
  });

  it('writes every format, mails them once with the HTML as body, and records the run with SHA-256', async () => {
    const channel = emailChannelSchema.parse({
      kind: 'email',
      host: '127.0.0.1',
      port: smtp.port,
      require_tls: false,
      from: 'wagewatch@county.example',
      from_name: '根治欠薪监测',
      to: ['duty@county.example'],
    });
    const deps = {
      store,
      config,
      calendar: CALENDAR,
      outDir,
      formats: ['html', 'xlsx', 'md'] as const,
      mail: (report: Parameters<typeof mailReport>[3]) =>
        mailReport(channel, null, ['leader@county.example'], report),
      logger: createSilentLogger(),
      now: () => new Date(sh('2026-11-30T08:00:00')),
    };
    failNext = true;
    await expect(runScheduledReport(deps, 'weekly')).rejects.toThrow(/not mailed/);
    const failed = (await store.getRecord<ReportRun>(REPORT_RUN_KIND, 'weekly:2026-11-23'))?.data;
    expect(failed).toMatchObject({
      delivered_at: null,
      delivery_error: expect.stringContaining('Try again later'),
    });

    const run = await runScheduledReport(deps, 'weekly');
    expect(run.period).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(run.delivered_to).toEqual(['leader@county.example']);
    expect(run.files.map((f) => f.path.split('/').pop())).toEqual([
      '周调度_2026-11-23_2026-11-29.html',
      '周调度_2026-11-23_2026-11-29.xlsx',
      '周调度_2026-11-23_2026-11-29.md',
    ]);
    const html = await readFile(run.files[0]?.path as string, 'utf8');
    expect(html).toContain('青禾县根治欠薪工作周调度');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(run.files[1]?.path as string);
    expect(book.worksheets.length).toBeGreaterThan(3);

    // The scheduler may run the job again: a delivered run is not repeated.
    await runScheduledReport(deps, 'weekly');
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]?.raw ?? '';
    expect(mail).toContain('Content-Type: text/html');
    expect(mail.match(/Content-Disposition: attachment/g)).toHaveLength(3);
    expect(mail).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const audit = await store.listAudit({ target_kind: REPORT_RUN_KIND });
    expect(audit.map((a) => a.action)).toEqual(['report.generate', 'report.generate']);
  });
});
