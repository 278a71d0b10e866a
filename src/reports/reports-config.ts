import { z } from 'zod';

const schedule = z.strictObject({
  /** Cron pattern (minute hour day month weekday), in `tz`. */
  pattern: z.string().regex(/^(\S+\s+){4}\S+$/, 'a five-field cron pattern such as "0 8 * * 1"'),
  tz: z.string().min(1),
});

/** `config/reports.yaml`: when the weekly dispatch and monthly bulletin are made, and who gets them. */
export const reportsConfigSchema = z.strictObject({
  /** The issuing office printed under the title; empty: 「<县>根治拖欠农民工工资工作领导小组办公室」. */
  issuer: z.string().default(''),
  schedule: z.strictObject({ weekly: schedule.nullable(), monthly: schedule.nullable() }),
  /** What scheduled runs write under data_dir/reports (and attach to the mail). */
  formats: z.array(z.enum(['html', 'xlsx', 'md'])).min(1),
  delivery: z.strictObject({
    /** An `email` channel in routing.yaml whose SMTP server and sender the reports go through; empty: not mailed. */
    smtp_channel: z.string().default(''),
    to: z.array(z.email()).default([]),
  }),
});

export type ReportsConfig = z.infer<typeof reportsConfigSchema>;
