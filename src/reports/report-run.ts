import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import type { Logger } from '../logger.ts';
import {
  type GenerateDeps,
  type GeneratedReport,
  generateReport,
  type ReportFormat,
} from './generate-report.ts';
import { defaultPeriod } from './report-data.ts';
import type { ReportKind } from './report-model.ts';

/** What one scheduled run made and where it went: the record the office can point to. */
export interface ReportRun {
  kind: ReportKind;
  period: { from: string; to: string };
  generated_at: string;
  files: { format: ReportFormat; path: string; sha256: string; bytes: number }[];
  delivered_to: string[];
  delivered_at: string | null;
  /** Why the mail did not go, when it did not. */
  delivery_error: string | null;
}

export const REPORT_RUN_KIND = 'report-run';

export interface ReportRunDeps extends GenerateDeps {
  outDir: string;
  formats: readonly ReportFormat[];
  /** Sends the report; absent, reports are kept on disk only. */
  mail?: (report: GeneratedReport) => Promise<{ accepted: string[] }>;
  logger: Logger;
}

/**
 * The scheduled report for the last complete week or month: written under `outDir`, mailed,
 * and recorded with the files' SHA-256. A run already delivered is not repeated (the scheduler
 * may retry the job); a run whose mail failed is made and mailed again.
 */
export async function runScheduledReport(deps: ReportRunDeps, kind: ReportKind): Promise<ReportRun> {
  const now = (deps.now ?? (() => new Date()))();
  const period = defaultPeriod(kind, now);
  const id = `${kind}:${period.from}`;
  const existing = await deps.store.getRecord<ReportRun>(REPORT_RUN_KIND, id);
  if (existing && (existing.data.delivered_at || !deps.mail)) return existing.data;
  const report = await generateReport(deps, { kind, period, formats: deps.formats });
  await mkdir(deps.outDir, { recursive: true });
  const files: ReportRun['files'] = [];
  for (const file of report.files) {
    const path = join(deps.outDir, file.name);
    await writeFile(path, file.content);
    files.push({
      format: file.format,
      path,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      bytes: file.content.length,
    });
  }
  let delivered: string[] = [];
  let error: string | null = null;
  if (deps.mail) {
    try {
      delivered = (await deps.mail(report)).accepted;
    } catch (cause) {
      error = (cause as Error).message;
      deps.logger.error({ report: id, reason: error }, 'report not mailed; the next run tries again');
    }
  }
  const at = toShanghaiIso(now);
  const run: ReportRun = {
    kind,
    period,
    generated_at: at,
    files,
    delivered_to: delivered,
    delivered_at: delivered.length > 0 ? at : null,
    delivery_error: error,
  };
  await deps.store.putRecord(REPORT_RUN_KIND, id, run, existing?.version ?? null);
  await deps.store.appendAudit({
    at,
    actor: '系统',
    action: 'report.generate',
    target_kind: REPORT_RUN_KIND,
    target_id: id,
    reason: report.data.title,
    after: {
      files: files.map((f) => ({ format: f.format, sha256: f.sha256 })),
      delivered_to: delivered,
      error,
    },
  });
  if (error) throw new Error(`report ${id} made but not mailed: ${error}`);
  return run;
}
