import { listCases } from '../cases/review-queue.ts';
import type { EventRecord } from '../events/event-record.ts';
import { loadLeads } from '../leads/lead-store.ts';
import type { WorkingCalendar } from '../leads/working-days.ts';
import type { AppConfig } from '../settings/load-config.ts';
import { loadAll } from '../store/all-records.ts';
import type { Store } from '../store/store.ts';
import { renderReportMarkdown } from './render-markdown.ts';
import { renderReportXlsx } from './render-xlsx.ts';
import { buildReportData, defaultPeriod } from './report-data.ts';
import type { ReportData, ReportKind, ReportPeriod } from './report-model.ts';

export type ReportFormat = 'html' | 'xlsx' | 'md';

export interface GeneratedReport {
  data: ReportData;
  files: { format: ReportFormat; name: string; content: Buffer }[];
}

export interface GenerateDeps {
  store: Store;
  config: AppConfig;
  calendar: WorkingCalendar;
  now?: () => Date;
}

/**
 * Makes one report from what the store holds now: the data once, then each requested format
 * from the same data, so the HTML, the sheet and the Markdown can never disagree.
 */
export async function generateReport(
  deps: GenerateDeps,
  request: { kind: ReportKind; period?: ReportPeriod; formats: readonly ReportFormat[] },
): Promise<GeneratedReport> {
  const now = (deps.now ?? (() => new Date()))();
  const built = buildReportData({
    kind: request.kind,
    period: request.period ?? defaultPeriod(request.kind, now),
    leads: await loadLeads(deps.store),
    events: await loadAll<EventRecord>(deps.store, 'event'),
    cases: await listCases(deps.store),
    config: {
      county: deps.config.gazetteer.county,
      campaign: deps.config.leads.campaign,
      blacklist: deps.config.leads.blacklist,
      ladder: deps.config.leads.ladder,
    },
    calendar: deps.calendar,
    now,
  });
  const data: ReportData = deps.config.reports.issuer
    ? { ...built, issuer: deps.config.reports.issuer }
    : built;
  const base = `${request.kind === 'weekly' ? '周调度' : '月通报'}_${data.period.from}_${data.period.to}`;
  const files: GeneratedReport['files'] = [];
  for (const format of request.formats) {
    const content =
      format === 'html'
        ? Buffer.from((await loadHtmlRenderer())(data), 'utf8')
        : format === 'md'
          ? Buffer.from(renderReportMarkdown(data), 'utf8')
          : await renderReportXlsx(data);
    files.push({ format, name: `${base}.${format}`, content });
  }
  return { data, files };
}

/**
 * The HTML renderer draws its charts with echarts (about 10 MB loaded), which the pipeline
 * workers that share this module never need: loaded on the first HTML report.
 */
async function loadHtmlRenderer() {
  return (await import('./render-html.ts')).renderReportHtml;
}
